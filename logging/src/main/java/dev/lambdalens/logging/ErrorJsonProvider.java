package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonGenerator;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/**
 * Writes the throwable of a line as an {@code error} object with Powertools' keys: {@code name} (the exception
 * class), {@code message} and {@code stack} (the stack trace with causes, as one string).
 */
public final class ErrorJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

    public ErrorJsonProvider() {
        setFieldName("error");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable == null) {
            return;
        }
        generator.writeObjectFieldStart(getFieldName());
        generator.writeStringField("name", throwable.getClassName());
        if (throwable.getMessage() != null) {
            generator.writeStringField("message", throwable.getMessage());
        }
        generator.writeStringField("stack", ThrowableProxyUtil.asString(throwable));
        generator.writeEndObject();
    }
}
