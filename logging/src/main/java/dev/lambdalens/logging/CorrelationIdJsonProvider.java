package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.logging.internal.LogState;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/** Writes {@code correlation_id} when the invocation has one (from the event, or set by the handler). */
public final class CorrelationIdJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

    public CorrelationIdJsonProvider() {
        setFieldName("correlation_id");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        LogState state = LogState.peek();
        String id = state == null ? null : state.correlationId();
        if (id != null) {
            generator.writeStringField(getFieldName(), id);
        }
    }
}
