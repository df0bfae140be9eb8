package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.Throwables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exception as metadata: its type and message, and those of its causes. The full stack is in the
 * subsegment's {@code cause}; repeating it in metadata would only eat into the datagram. Read through
 * {@link Throwables}, so an exception whose methods throw still gives a summary.
 */
final class ErrorSummary {
    private ErrorSummary() {
    }

    static Map<String, Object> of(Throwable error) {
        Map<String, Object> summary = new LinkedHashMap<>(4);
        summary.put("type", error.getClass().getName());
        summary.put("message", Throwables.message(error));
        Throwable cause = Throwables.cause(error);
        if (cause != null && cause != error) {
            summary.put("cause", cause.getClass().getName() + ": " + Throwables.message(cause));
        }
        return summary;
    }
}
