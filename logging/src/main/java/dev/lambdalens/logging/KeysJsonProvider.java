package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.logging.internal.KeyValues;
import dev.lambdalens.logging.internal.LogState;
import dev.lambdalens.logging.internal.PersistentKeys;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.marker.SingleFieldAppendingMarker;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the keys appended with {@link LambdaLogging}: persistent keys first, then the current invocation's
 * keys (which win when both have a name: the invocation's value is written, the persistent one skipped).
 * Reserved names were refused when the keys were appended.
 *
 * <p>A line's own values win over appended keys: when the line has an MDC entry, an SLF4J key-value pair or a
 * logstash structured argument ({@code kv(...)}) of the same name, that value is written (by its provider)
 * and the appended key is left out of this line, so that the JSON object never has the same key twice.
 */
public final class KeysJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        LogState state = LogState.peek();
        KeyValues invocation = state == null ? KeyValues.EMPTY : state.keys();
        KeyValues persistent = PersistentKeys.current();
        for (int i = 0; i < persistent.size(); i++) {
            String name = persistent.name(i);
            if ((invocation.size() == 0 || invocation.get(name) == null) && !lineHas(event, name)) {
                write(generator, name, persistent.value(i));
            }
        }
        for (int i = 0; i < invocation.size(); i++) {
            String name = invocation.name(i);
            if (!lineHas(event, name)) {
                write(generator, name, invocation.value(i));
            }
        }
    }

    /** Whether the line itself carries {@code name}; no allocation (lists are walked by index). */
    private static boolean lineHas(ILoggingEvent event, String name) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty() && mdc.containsKey(name)) {
            return true;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (int i = 0; i < pairs.size(); i++) {
                if (name.equals(pairs.get(i).key)) {
                    return true;
                }
            }
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof SingleFieldAppendingMarker
                        && name.equals(((SingleFieldAppendingMarker) argument).getFieldName())) {
                    return true;
                }
            }
        }
        return false;
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
