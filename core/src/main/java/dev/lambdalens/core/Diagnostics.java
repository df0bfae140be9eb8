package dev.lambdalens.core;

import dev.lambdalens.core.internal.JsonText;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * How Lambda Lens reports its own problems: once per problem, as one JSON line on standard error (which
 * Lambda sends to CloudWatch Logs like standard output), never by throwing into the user's handler. Every
 * module reports through the runtime's instance ({@link LensRuntime#diagnostics()}); there is no other path.
 *
 * <p>A problem is identified by a key chosen by the caller (for example {@code "metrics:unit:Foo"}); the
 * first report of a key is written, later ones are not, so a bad setting on a hot path cannot flood the logs.
 * Memory is bounded too: keys often carry user-chosen names, so after {@value #MAX_KEYS} distinct problems
 * one line says so and further new problems are no longer written. Messages and quoted values are shortened,
 * so a 10 KB malformed header cannot become a 20 KB report; long keys are remembered by their start, length
 * and hash. Thread-safe: however many threads report at once, at most {@value #MAX_KEYS} problems are written,
 * each once, and the line saying the rest are not written appears once.
 */
public final class Diagnostics {
    /** How many distinct problems are remembered and written. */
    public static final int MAX_KEYS = 256;
    /** The longest message written; longer ones are cut with a note of their length. */
    public static final int MAX_MESSAGE_CHARS = 1000;
    /** Keys longer than this are remembered by their start, length and hash. */
    static final int MAX_KEY_CHARS = 200;
    /** The longest user value {@link #shorten(String)} keeps. */
    public static final int MAX_VALUE_CHARS = 120;

    private static final Diagnostics GLOBAL = new Diagnostics(new StandardError());

    private final Consumer<String> sink;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Guarded by reported. Whether the "further ones are not written" line has been written. */
    private boolean full;

    /** Diagnostics that hand each line to {@code sink}; tests pass a list's {@code add}. */
    public Diagnostics(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The process-wide instance, writing to standard error; what {@link LensRuntime#global()} uses. */
    public static Diagnostics global() {
        return GLOBAL;
    }

    /**
     * {@code value} cut to {@value #MAX_VALUE_CHARS} chars with a note of its full length, for quoting user
     * input (a setting, a header, a name) in a message.
     */
    public static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return value.substring(0, MAX_VALUE_CHARS) + "...(" + value.length() + " chars)";
    }

    /** Reports {@code message} the first time {@code key} is seen; returns whether it was written. */
    public boolean reportOnce(String key, String message) {
        return reportOnce(key, message, null);
    }

    /**
     * Reports {@code message} with the type and message of {@code cause} the first time {@code key} is seen.
     * Never throws: a failing sink, or a cause whose {@code getMessage()} throws, is ignored, because
     * reporting must not become the next failure.
     */
    public boolean reportOnce(String key, String message, Throwable cause) {
        String remembered = remembered(key);
        if (reported.contains(remembered)) {
            return false;
        }
        // A new problem: rare, so a lock is cheap here, and without it threads reporting at once could each
        // pass the size check and remember more than MAX_KEYS keys or write the "further ones" line twice.
        boolean limitReached;
        synchronized (reported) {
            if (reported.contains(remembered)) {
                return false;
            }
            if (reported.size() < MAX_KEYS) {
                reported.add(remembered);
                limitReached = false;
            } else if (full) {
                return false;
            } else {
                full = true;
                limitReached = true;
            }
        }
        if (limitReached) {
            write(MAX_KEYS + " distinct problems reported; further ones are not written", null);
            return false;
        }
        write(message, cause);
        return true;
    }

    /**
     * The form a key is remembered in: itself, or for a long key (one holding a user's 100 KB name, say) its
     * start, its length and its hash, so that the memory of problems stays small whatever the keys.
     */
    private static String remembered(String key) {
        String text = String.valueOf(key);
        if (text.length() <= MAX_KEY_CHARS) {
            return text;
        }
        return text.substring(0, MAX_KEY_CHARS) + "#" + text.length() + "#" + Integer.toHexString(text.hashCode());
    }

    private void write(String message, Throwable cause) {
        String text = "Lambda Lens: " + cut(String.valueOf(message), MAX_MESSAGE_CHARS) + " (reported once)";
        StringBuilder line = new StringBuilder(160 + text.length());
        line.append("{\"level\":\"WARN\",\"logger\":\"dev.lambdalens\",\"message\":");
        JsonText.appendQuoted(line, text);
        if (cause != null) {
            line.append(",\"error\":{\"type\":");
            JsonText.appendQuoted(line, cause.getClass().getName());
            line.append(",\"message\":");
            JsonText.appendQuoted(line, cut(messageOf(cause), MAX_MESSAGE_CHARS));
            line.append('}');
        }
        line.append('}');
        try {
            sink.accept(line.toString());
        } catch (RuntimeException ignored) {
            // Nowhere left to report to.
        }
    }

    private static String messageOf(Throwable cause) {
        try {
            return String.valueOf(cause.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " chars)";
    }

    /** Whether {@code key} has been reported. */
    public boolean wasReported(String key) {
        return reported.contains(remembered(key));
    }

    /** Standard error, flushed per line; a named class so that no lambda is spun up at class initialization. */
    private static final class StandardError implements Consumer<String> {
        @Override
        public void accept(String line) {
            System.err.println(line);
            System.err.flush();
        }
    }
}
