package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.logging.internal.LogState;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/** Writes {@code sampling_rate} when debug sampling is configured for the invocation. */
public final class SamplingRateJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

    public SamplingRateJsonProvider() {
        setFieldName("sampling_rate");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        LogState state = LogState.peek();
        if (state != null && !Double.isNaN(state.samplingRate())) {
            generator.writeNumberField(getFieldName(), state.samplingRate());
        }
    }
}
