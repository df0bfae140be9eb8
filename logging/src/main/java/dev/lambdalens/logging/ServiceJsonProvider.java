package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.logging.internal.EncodedText;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/**
 * Writes {@code service}: {@code POWERTOOLS_SERVICE_NAME}, or {@value LambdaEnvironment#DEFAULT_SERVICE_NAME}.
 * A {@code <service>} set in logback.xml wins over the environment.
 */
public final class ServiceJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
    private String service;
    /** The key and the name, the same on every line, are written pre-encoded. */
    private final EncodedText fieldName = new EncodedText();
    private final EncodedText value = new EncodedText();

    public ServiceJsonProvider() {
        setFieldName("service");
    }

    /** The service name to write instead of the environment's. */
    public void setService(String service) {
        this.service = service;
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        String name = service != null ? service : Invocations.environment().serviceName();
        generator.writeFieldName(fieldName.of(getFieldName()));
        generator.writeString(value.of(name));
    }
}
