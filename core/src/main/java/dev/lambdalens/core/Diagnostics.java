package dev.lambdalens.core;

import dev.lambdalens.core.internal.JsonText;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How Lambda Lens reports its own problems: once per problem, as one JSON line on standard error (which
 * Lambda sends to CloudWatch Logs like standard output), never by throwing into the user's handler.
 *
 * <p>A problem is identified by a key chosen by the caller (for example {@code "metrics:unit:Foo"}); the
 * first report of a key is written, later ones are counted but not written, so a bad setting on a hot path
 * cannot flood the logs.
 */
public final class Diagnostics {
    private static final Diagnostics GLOBAL = new Diagnostics(line -> {
        System.err.println(line);
        System.err.flush();
    });

    private final Consumer<String> sink;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Diagnostics that hand each line to {@code sink}; tests pass a list's {@code add}. */
    public Diagnostics(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The process-wide instance, writing to standard error. */
    public static Diagnostics global() {
        return GLOBAL;
    }

    /** Reports {@code message} the first time {@code key} is seen; returns whether it was written. */
    public boolean reportOnce(String key, String message) {
        return reportOnce(key, message, null);
    }

    /**
     * Reports {@code message} with the type and message of {@code cause} the first time {@code key} is seen.
     * Never throws: a failing sink is ignored, because reporting must not become the next failure.
     */
    public boolean reportOnce(String key, String message, Throwable cause) {
        if (!reported.add(key)) {
            return false;
        }
        StringBuilder line = new StringBuilder(160 + message.length());
        line.append("{\"level\":\"WARN\",\"logger\":\"dev.lambdalens\",\"message\":");
        JsonText.appendQuoted(line, "Lambda Lens: " + message + " (reported once)");
        if (cause != null) {
            line.append(",\"error\":{\"type\":");
            JsonText.appendQuoted(line, cause.getClass().getName());
            line.append(",\"message\":");
            JsonText.appendQuoted(line, String.valueOf(cause.getMessage()));
            line.append('}');
        }
        line.append('}');
        try {
            sink.accept(line.toString());
        } catch (RuntimeException ignored) {
            // Nowhere left to report to.
        }
        return true;
    }

    /** Whether {@code key} has been reported. */
    public boolean wasReported(String key) {
        return reported.contains(key);
    }
}
