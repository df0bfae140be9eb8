package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes a line's logstash structured arguments ({@code kv(...)}, {@code entries(...)}, {@code fields(...)},
 * markers passed as arguments) at the top level, as logstash's arguments provider does with its default
 * settings; a key named like a reserved key is written as {@code extra_<name>}. The interceptor's own
 * {@code event} and {@code response} arguments keep their names.
 */
public final class StructuredArgumentsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null) {
            return;
        }
        for (Object argument : arguments) {
            if (argument instanceof PayloadArgument) {
                ((PayloadArgument) argument).writeTo(generator);
            } else if (argument instanceof StructuredArgument) {
                boolean previous = UserKeysGenerator.enter(generator);
                try {
                    ((StructuredArgument) argument).writeTo(generator);
                } finally {
                    UserKeysGenerator.exit(generator, previous);
                }
            }
        }
    }
}
