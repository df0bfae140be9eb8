package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.JsonText;

import java.lang.reflect.Array;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a metadata value (a captured response, an error, anything a user puts) as JSON text, without
 * Jackson, whose first use would cost a fresh JVM over 100 ms: strings, numbers, booleans, enums, maps,
 * collections, arrays, records and beans (through their getters, see {@link BeanProperties}); exceptions
 * as their type and message; other JDK types as their {@code toString()}. Jackson annotations on beans
 * are not honoured.
 *
 * <p>Never throws: cycles, excessive depth and failing getters become short strings saying so.
 */
final class JsonValues {
    private static final int MAX_DEPTH = 32;
    /** Getters take no arguments: one shared array instead of a new empty varargs array per call. */
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private JsonValues() {
    }

    /** A builder kept per thread, so that a captured response does not grow a new one from scratch each time. */
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();
    private static final int RETAINED_CHARS = 16 * 1024;

    /** {@code value} as JSON text. */
    static String toJson(Object value, Problems problems) {
        StringBuilder out = BUFFER.get();
        if (out == null) {
            out = new StringBuilder(256);
        } else {
            // Taken while in use: a getter that records metadata itself gets a builder of its own.
            BUFFER.set(null);
            out.setLength(0);
        }
        try {
            write(out, value, 0, new IdentityHashMap<>(8), problems);
            return out.toString();
        } finally {
            if (out.capacity() <= RETAINED_CHARS) {
                BUFFER.set(out);
            }
        }
    }

    private static void write(StringBuilder out, Object value, int depth, IdentityHashMap<Object, Boolean> path,
                              Problems problems) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character) {
            JsonText.appendQuoted(out, value.toString());
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number) {
            writeNumber(out, (Number) value);
        } else if (value instanceof Enum<?>) {
            JsonText.appendQuoted(out, ((Enum<?>) value).name());
        } else if (value instanceof Optional<?>) {
            write(out, ((Optional<?>) value).orElse(null), depth, path, problems);
        } else if (depth >= MAX_DEPTH) {
            out.append("\"[too deep]\"");
            problems.report("tracing:metadata:depth", "a metadata value is nested more than " + MAX_DEPTH
                    + " levels deep; deeper levels are left out", null);
        } else if (value instanceof Throwable) {
            write(out, ErrorSummary.of((Throwable) value), depth, path, problems);
        } else if (value instanceof java.util.Date) {
            JsonText.appendQuoted(out, ((java.util.Date) value).toInstant().toString());
        } else if (value instanceof java.nio.file.Path || isPlatformType(value.getClass())
                && !(value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray())) {
            // Dates, durations, UUIDs, URIs, paths...: their text is what a reader wants.
            JsonText.appendQuoted(out, value.toString());
        } else if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray()) {
            if (path.put(value, Boolean.TRUE) != null) {
                out.append("\"[cycle]\"");
                problems.report("tracing:metadata:cycle", "a metadata value refers to itself; the cycle is cut", null);
                return;
            }
            if (value instanceof Map<?, ?>) {
                writeMap(out, (Map<?, ?>) value, depth, path, problems);
            } else if (value instanceof Iterable<?>) {
                writeIterable(out, (Iterable<?>) value, depth, path, problems);
            } else {
                writeArray(out, value, depth, path, problems);
            }
            path.remove(value);
        } else {
            if (path.put(value, Boolean.TRUE) != null) {
                out.append("\"[cycle]\"");
                problems.report("tracing:metadata:cycle", "a metadata value refers to itself; the cycle is cut", null);
                return;
            }
            writeBean(out, value, depth, path, problems);
            path.remove(value);
        }
    }

    private static boolean isPlatformType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static void writeBean(StringBuilder out, Object bean, int depth, IdentityHashMap<Object, Boolean> path,
                                  Problems problems) {
        BeanProperties.Property[] properties = BeanProperties.of(bean.getClass());
        if (properties.length == 0) {
            JsonText.appendQuoted(out, String.valueOf(bean));
            return;
        }
        out.append('{');
        for (int i = 0; i < properties.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, properties[i].name);
            out.append(':');
            Object value;
            try {
                value = properties[i].getter.invoke(bean, NO_ARGUMENTS);
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.report("tracing:metadata:getter:" + bean.getClass().getName() + "." + properties[i].name,
                        "could not read " + bean.getClass().getName() + "." + properties[i].name
                                + " for metadata; it is recorded as an error text", cause);
                JsonText.appendQuoted(out, "[" + cause.getClass().getSimpleName() + "]");
                continue;
            }
            write(out, value, depth + 1, path, problems);
        }
        out.append('}');
    }

    private static void writeNumber(StringBuilder out, Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // JSON has no NaN or Infinity; the text keeps the information.
                JsonText.appendQuoted(out, number.toString());
                return;
            }
        }
        out.append(number);
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int depth, IdentityHashMap<Object, Boolean> path,
                                 Problems problems) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.appendQuoted(out, String.valueOf(entry.getKey()));
            out.append(':');
            write(out, entry.getValue(), depth + 1, path, problems);
        }
        out.append('}');
    }

    private static void writeIterable(StringBuilder out, Iterable<?> items, int depth,
                                      IdentityHashMap<Object, Boolean> path, Problems problems) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item, depth + 1, path, problems);
        }
        out.append(']');
    }

    private static void writeArray(StringBuilder out, Object array, int depth, IdentityHashMap<Object, Boolean> path,
                                   Problems problems) {
        out.append('[');
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(',');
            }
            write(out, Array.get(array, i), depth + 1, path, problems);
        }
        out.append(']');
    }
}
