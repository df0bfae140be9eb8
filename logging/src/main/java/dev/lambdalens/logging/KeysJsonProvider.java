package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.logging.internal.KeyValues;
import dev.lambdalens.logging.internal.LogState;
import dev.lambdalens.logging.internal.PersistentKeys;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes the keys appended with {@link LambdaLogging}: persistent keys first, then the current invocation's
 * keys (which win when both have a name: the invocation's value is written, the persistent one skipped).
 * Reserved names were refused when the keys were appended.
 */
public final class KeysJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        LogState state = LogState.peek();
        KeyValues invocation = state == null ? KeyValues.EMPTY : state.keys();
        KeyValues persistent = PersistentKeys.current();
        for (int i = 0; i < persistent.size(); i++) {
            String name = persistent.name(i);
            if (invocation.size() == 0 || invocation.get(name) == null) {
                write(generator, name, persistent.value(i));
            }
        }
        for (int i = 0; i < invocation.size(); i++) {
            write(generator, invocation.name(i), invocation.value(i));
        }
    }

    private static void write(JsonGenerator generator, String name, Object value) throws IOException {
        generator.writeFieldName(name);
        if (value instanceof String) {
            generator.writeString((String) value);
        } else {
            generator.writeObject(value);
        }
    }
}
