package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.core.LensRuntime;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/** The {@code message} field, formatted by {@link SafeMessage} (logstash's provider formats through SLF4J). */
public final class SafeMessageJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
    public SafeMessageJsonProvider() {
        setFieldName("message");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        String message = SafeMessage.of(event, LensRuntime.global().diagnostics());
        if (message != null) {
            generator.writeStringField(getFieldName(), message);
        }
    }
}
