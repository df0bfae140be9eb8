package dev.lambdalens.core.internal;

import dev.lambdalens.core.MaskingSettings;
import dev.lambdalens.core.spi.MaskingPolicy;

import dev.lambdalens.core.Diagnostics;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes any value as JSON text without a JSON library (Jackson's first use costs a fresh JVM over 100 ms):
 * strings, numbers, booleans, enums, maps, collections, arrays, records and beans (through their getters, see
 * {@link BeanProperties}; or as their {@code toString()} when beans are off); exceptions as their type and
 * message; other JDK types (dates, UUIDs, URIs, ...) as their text. The one writer every module uses for
 * values a user hands in: X-Ray metadata, EMF metadata, the fallback of a log line's payload.
 *
 * <p>Never throws and never runs away: cycles, nesting deeper than {@code maxDepth}, more than
 * {@code maxElements} items in one container, output past {@code maxChars} and failing getters or
 * iterators become short markers ({@code "[cycle]"}, {@code "[too deep]"}, {@code "[truncated]"},
 * {@code "[IllegalStateException]"}), each reported once on the writer's {@link Diagnostics}. Jackson
 * annotations on beans are not honoured. Thread-safe and immutable; build one per use and keep it.
 *
 * <p>Masks as it writes, with the writer's {@link MaskingPolicy} (the defaults unless one is given): a map key
 * or bean property with a sensitive name gets the mask and its value is not read, every string is masked as
 * free text (JSON inside it masked inside), and a whole number that is a card number is written as the mask.
 */
public final class JsonValueWriter {
    /** What a value past {@code maxChars} is cut to. */
    public static final String TRUNCATED = "\"[truncated]\"";
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final int maxDepth;
    private final int maxElements;
    private final int maxChars;
    private final boolean beans;
    private final Diagnostics diagnostics;
    private final String reportKey;
    private final String what;
    private final MaskingPolicy masking;

    private JsonValueWriter(Builder builder) {
        this.maxDepth = builder.maxDepth;
        this.maxElements = builder.maxElements;
        this.maxChars = builder.maxChars;
        this.beans = builder.beans;
        this.diagnostics = builder.diagnostics;
        this.reportKey = builder.reportKey;
        this.what = builder.what;
        this.masking = builder.masking != null ? builder.masking : DefaultMasking.POLICY;
    }

    /** The policy of the defaults, for writers built without one: masking holds without configuration. */
    private static final class DefaultMasking {
        static final MaskingPolicy POLICY = MaskingPolicy.of(MaskingSettings.defaults());
    }

    /**
     * A writer reporting on {@code diagnostics} under keys starting with {@code reportKey} (e.g.
     * {@code "tracing:metadata"}), naming the values {@code what} in messages (e.g. "a metadata value").
     */
    public static Builder builder(Diagnostics diagnostics, String reportKey, String what) {
        return new Builder(diagnostics, reportKey, what);
    }

    private static final ThreadLocal<TextBuffer> BUFFERS = TextBuffer.newSlot();
    private static final int RETAINED_CHARS = 16 * 1024;

    /** {@code value} as JSON text, written in the calling thread's reused buffer. */
    public String toJson(Object value) {
        TextBuffer buffer = TextBuffer.acquire(BUFFERS, 256);
        try {
            write(buffer.text(), value);
            return buffer.text().toString();
        } finally {
            buffer.release(BUFFERS, RETAINED_CHARS);
        }
    }

    /**
     * Appends the value of a member called {@code name}: the mask if the name is sensitive (the value is then
     * not read at all), else {@code value} as {@link #write} writes it.
     */
    public void writeMember(StringBuilder out, String name, Object value) {
        if (masking.masksName(name)) {
            JsonText.appendQuoted(out, masking.mask());
        } else {
            write(out, value);
        }
    }

    /** Whether a member called {@code name} is written as the mask. */
    public boolean masksName(String name) {
        return masking.masksName(name);
    }

    /** {@code text} as this writer's masking policy masks free text. */
    public String maskText(String text) {
        return masking.maskText(text);
    }

    /** Appends {@code value} as JSON to {@code out}. */
    public void write(StringBuilder out, Object value) {
        int limit = maxChars == Integer.MAX_VALUE ? Integer.MAX_VALUE : out.length() + maxChars;
        write(out, value, 0, null, limit);
    }

    private Object[] write(StringBuilder out, Object value, int depth,
                                                   Object[] path, int limit) {
        if (out.length() > limit) {
            out.append(TRUNCATED);
            report(":size", " is longer than " + maxChars + " chars; the rest is cut", null);
            return path;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character) {
            String text = masking.maskText(value.toString());
            if (out.length() + text.length() > limit) {
                JsonText.appendQuoted(out, text.substring(0, Math.max(0, limit - out.length())) + "...[truncated]");
                report(":size", " is longer than " + maxChars + " chars; the rest is cut", null);
            } else {
                JsonText.appendQuoted(out, text);
            }
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue());
        } else if (value instanceof Number) {
            writeNumber(out, (Number) value);
        } else if (value instanceof Enum<?>) {
            JsonText.appendQuoted(out, ((Enum<?>) value).name());
        } else if (value instanceof Optional<?>) {
            path = write(out, ((Optional<?>) value).orElse(null), depth, path, limit);
        } else if (depth >= maxDepth) {
            out.append("\"[too deep]\"");
            report(":depth", " is nested more than " + maxDepth + " levels deep; deeper levels are left out", null);
        } else if (value instanceof Throwable) {
            writeThrowable(out, (Throwable) value);
        } else if (value instanceof java.util.Date) {
            JsonText.appendQuoted(out, ((java.util.Date) value).toInstant().toString());
        } else if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray()) {
            if (onPath(path, value, depth)) {
                out.append("\"[cycle]\"");
                report(":cycle", " refers to itself; the cycle is cut", null);
                return path;
            }
            path = enter(path, value, depth);
            int mark = out.length();
            try {
                if (value instanceof Map<?, ?>) {
                    writeMap(out, (Map<?, ?>) value, depth, path, limit);
                } else if (value instanceof Iterable<?>) {
                    writeIterator(out, ((Iterable<?>) value).iterator(), depth, path, limit);
                } else {
                    writeArray(out, value, depth, path, limit);
                }
            } catch (RuntimeException | LinkageError e) {
                // A collection that fails while iterated (a concurrent modification, a lazy proxy).
                out.setLength(mark);
                JsonText.appendQuoted(out, "[" + e.getClass().getSimpleName() + "]");
                report(":iteration:" + value.getClass().getName(), " of type " + value.getClass().getName()
                        + " could not be iterated; it is written as an error text", e);
            }
            path[depth] = null;
        } else if (!beans || isPlatformType(value.getClass())) {
            JsonText.appendQuoted(out, masking.maskText(textOf(value)));
        } else {
            if (onPath(path, value, depth)) {
                out.append("\"[cycle]\"");
                report(":cycle", " refers to itself; the cycle is cut", null);
                return path;
            }
            path = enter(path, value, depth);
            writeBean(out, value, depth, path, limit);
            path[depth] = null;
        }
        return path;
    }

    /*
     * The path is the containers being written, the one at depth d in path[d]: only a container has children, so
     * path[0..depth) are exactly the ancestors of a value at depth. A cycle is a value that is its own ancestor.
     * An array scanned by identity, not an IdentityHashMap: values rarely nest more than a few levels, and a
     * map's table would be allocated per value written (per captured response, per metadata entry).
     */
    private static boolean onPath(Object[] path, Object value, int depth) {
        if (path == null) {
            return false;
        }
        for (int i = 0; i < depth && i < path.length; i++) {
            if (path[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static Object[] enter(Object[] path, Object value, int depth) {
        Object[] grown = path == null ? new Object[Math.max(4, depth + 1)]
                : depth < path.length ? path : Arrays.copyOf(path, Math.max(path.length * 2, depth + 1));
        grown[depth] = value;
        return grown;
    }

    private String textOf(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException | LinkageError e) {
            report(":toString:" + value.getClass().getName(), " of type " + value.getClass().getName()
                    + " failed in toString(); it is written as an error text", e);
            return "[" + e.getClass().getSimpleName() + "]";
        }
    }

    private static boolean isPlatformType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private void writeThrowable(StringBuilder out, Throwable error) {
        // Type and message (and the first cause's): a stack trace belongs in the document's own error field.
        out.append("{\"type\":");
        JsonText.appendQuoted(out, error.getClass().getName());
        out.append(",\"message\":");
        String message = messageOf(error);
        if (message == null) {
            out.append("null");
        } else {
            JsonText.appendQuoted(out, masking.maskText(message));
        }
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            out.append(",\"cause\":");
            JsonText.appendQuoted(out, masking.maskText(cause.getClass().getName() + ": " + messageOf(cause)));
        }
        out.append('}');
    }

    private String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException | LinkageError e) {
            report(":message:" + error.getClass().getName(), " is an exception whose getMessage() throws "
                    + e.getClass().getName() + "; its message is left out", null);
            return "[getMessage() threw " + e.getClass().getSimpleName() + "]";
        }
    }

    private void writeBean(StringBuilder out, Object bean, int depth, Object[] path,
                           int limit) {
        BeanProperties.Property[] properties = BeanProperties.of(bean.getClass());
        if (properties.length == 0) {
            JsonText.appendQuoted(out, textOf(bean));
            return;
        }
        out.append('{');
        for (int i = 0; i < properties.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, properties[i].name);
            out.append(':');
            if (masking.masksName(properties[i].name)) {
                // Not read at all: no cost, and a failing getter of a secret cannot matter.
                JsonText.appendQuoted(out, masking.mask());
                continue;
            }
            Object value;
            try {
                value = properties[i].getter.invoke(bean, NO_ARGUMENTS);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                report(":getter:" + bean.getClass().getName() + "." + properties[i].name,
                        " could not be read: " + bean.getClass().getName() + "." + properties[i].name
                                + " threw; it is written as an error text", cause);
                JsonText.appendQuoted(out, "[" + cause.getClass().getSimpleName() + "]");
                continue;
            }
            write(out, value, depth + 1, path, limit);
        }
        out.append('}');
    }

    private void writeMap(StringBuilder out, Map<?, ?> map, int depth, Object[] path,
                          int limit) {
        out.append('{');
        int count = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (count == maxElements) {
                tooMany();
                break;
            }
            if (count++ > 0) {
                out.append(',');
            }
            String key = textOf(entry.getKey());
            JsonText.appendQuoted(out, key);
            out.append(':');
            if (masking.masksName(key)) {
                JsonText.appendQuoted(out, masking.mask());
            } else {
                write(out, entry.getValue(), depth + 1, path, limit);
            }
            if (out.length() > limit) {
                break;
            }
        }
        out.append('}');
    }

    private void writeIterator(StringBuilder out, Iterator<?> items, int depth, Object[] path,
                               int limit) {
        out.append('[');
        int count = 0;
        while (items.hasNext()) {
            if (count == maxElements) {
                tooMany();
                break;
            }
            if (count++ > 0) {
                out.append(',');
            }
            write(out, items.next(), depth + 1, path, limit);
            if (out.length() > limit) {
                break;
            }
        }
        out.append(']');
    }

    private void writeArray(StringBuilder out, Object array, int depth, Object[] path,
                            int limit) {
        out.append('[');
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (i == maxElements) {
                tooMany();
                break;
            }
            if (i > 0) {
                out.append(',');
            }
            write(out, Array.get(array, i), depth + 1, path, limit);
            if (out.length() > limit) {
                break;
            }
        }
        out.append(']');
    }

    private void tooMany() {
        report(":elements", " has more than " + maxElements + " items in one container; the rest are left out",
                null);
    }

    private void writeNumber(StringBuilder out, Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // JSON has no NaN or Infinity; the text keeps the information.
                JsonText.appendQuoted(out, number.toString());
                return;
            }
            long integral = (long) d;
            if (integral == d && integral > -1_000_000_000_000_000L && integral < 1_000_000_000_000_000L) {
                out.append(integral);
            } else {
                out.append(d);
            }
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte) {
            long value = number.longValue();
            if (masking.masksNumber(value)) {
                JsonText.appendQuoted(out, masking.mask());
            } else {
                out.append(value);
            }
        } else {
            // BigDecimal, BigInteger, AtomicLong...: their text is a JSON number unless it says otherwise.
            String text = textOf(number);
            if (JsonText.isNumber(text)) {
                out.append(text);
            } else {
                JsonText.appendQuoted(out, text);
            }
        }
    }

    private void report(String keySuffix, String problem, Throwable cause) {
        diagnostics.reportOnce(reportKey + keySuffix, what + problem, cause);
    }

    /** Builds a {@link JsonValueWriter}; the defaults suit X-Ray metadata. */
    public static final class Builder {
        private final Diagnostics diagnostics;
        private final String reportKey;
        private final String what;
        private int maxDepth = 32;
        private int maxElements = 1000;
        private int maxChars = Integer.MAX_VALUE;
        private boolean beans = true;
        private MaskingPolicy masking;

        private Builder(Diagnostics diagnostics, String reportKey, String what) {
            this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
            this.reportKey = Objects.requireNonNull(reportKey, "reportKey");
            this.what = Objects.requireNonNull(what, "what");
        }

        /** How deep containers and beans may nest; 32 by default. */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = positive(maxDepth, "maxDepth");
            return this;
        }

        /** How many items of one map, collection or array are written; 1000 by default. */
        public Builder maxElements(int maxElements) {
            this.maxElements = positive(maxElements, "maxElements");
            return this;
        }

        /** About how many chars one value may take; unbounded by default. Strings are cut to fit. */
        public Builder maxChars(int maxChars) {
            this.maxChars = positive(maxChars, "maxChars");
            return this;
        }

        /** Whether beans and records are written through their getters (by default) or as their text. */
        public Builder beans(boolean beans) {
            this.beans = beans;
            return this;
        }

        /** The masking applied to every name and string; the defaults of {@link MaskingSettings} if not set. */
        public Builder masking(MaskingPolicy masking) {
            this.masking = Objects.requireNonNull(masking, "masking");
            return this;
        }

        public JsonValueWriter build() {
            return new JsonValueWriter(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
