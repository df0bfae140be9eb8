package dev.lambdalens.compat.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import net.logstash.logback.argument.StructuredArgument;

import java.io.IOException;
import java.util.Map;

/**
 * Powertools v2's {@code software.amazon.lambda.powertools.logging.argument.StructuredArguments}, as logstash's
 * structured arguments, which Lambda Lens writes at the top level of the line:
 * {@code log.info("order {}", entry("order_id", id))} gives {@code "order_id": ...} and the message
 * {@code order order_id=...}. A key named like one of Lambda Lens's own keys ({@code level}, {@code message},
 * ...) is written as {@code extra_<key>} instead of being dropped as Powertools drops it.
 */
public final class StructuredArguments {
    private static final JsonFactory JSON = new JsonFactory();

    private StructuredArguments() {
    }

    /** {@code "key": value} in the line, {@code key=value} in the message. */
    public static StructuredArgument entry(String key, Object value) {
        return net.logstash.logback.argument.StructuredArguments.keyValue(key, value);
    }

    /** One top-level key per entry of {@code map}, {@code map.toString()} in the message; null gives nothing. */
    public static StructuredArgument entries(Map<?, ?> map) {
        return net.logstash.logback.argument.StructuredArguments.entries(map);
    }

    /** {@code "key": [values...]} in the line. */
    public static StructuredArgument array(String key, Object... values) {
        return net.logstash.logback.argument.StructuredArguments.array(key, values);
    }

    /**
     * {@code rawJson} as the value of {@code key}, unquoted, and {@code key=rawJson} in the message. Text that is
     * not exactly one JSON value would break the whole line, so it is written as a JSON string instead (and
     * reported once).
     */
    public static StructuredArgument json(String key, String rawJson) {
        if (isOneJsonValue(rawJson)) {
            return net.logstash.logback.argument.StructuredArguments.raw(key, rawJson);
        }
        InvocationScope scope = InvocationScope.current();
        LensRuntime runtime = scope != null ? scope.runtime() : LensRuntime.global();
        runtime.diagnostics().reportOnce("compat:invalid-raw-json", "StructuredArguments.json got text that is "
                + "not one JSON value (key '" + key + "'); it is logged as a JSON string instead");
        return net.logstash.logback.argument.StructuredArguments.keyValue(key, rawJson);
    }

    /** Powertools' {@code toString(arg)}: an array as {@code Arrays.toString}, anything else as {@code valueOf}. */
    public static String toString(Object arg) {
        return net.logstash.logback.argument.StructuredArguments.toString(arg);
    }

    private static boolean isOneJsonValue(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
