package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.internal.JsonText;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes metadata values as JSON without a JSON library: strings, numbers, booleans, maps, iterables and arrays
 * as themselves, anything else as its {@code toString()}. Depth and size are bounded, so a cyclic or huge object
 * yields a truncated value instead of a stack overflow or a line CloudWatch rejects. Called once per metadata
 * entry per flush, never per metric value.
 */
final class JsonValues {
    static final int MAX_DEPTH = 8;
    static final int MAX_ELEMENTS = 1000;
    static final String TOO_DEEP = "\"(nested too deep)\"";

    private JsonValues() {
    }

    static void append(StringBuilder out, Object value) {
        append(out, value, 0);
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence) {
            JsonText.appendQuoted(out, (CharSequence) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue());
        } else if (value instanceof Number) {
            appendNumber(out, (Number) value);
        } else if (depth >= MAX_DEPTH) {
            out.append(TOO_DEEP);
        } else if (value instanceof Map) {
            appendMap(out, (Map<?, ?>) value, depth);
        } else if (value instanceof Iterable) {
            appendIterable(out, ((Iterable<?>) value).iterator(), depth);
        } else if (value.getClass().isArray()) {
            appendArray(out, value, depth);
        } else {
            JsonText.appendQuoted(out, String.valueOf(value));
        }
    }

    private static void appendNumber(StringBuilder out, Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                EmfWriter.appendNumber(out, d);
            } else {
                // JSON has no NaN or Infinity; keep the information as text.
                JsonText.appendQuoted(out, String.valueOf(d));
            }
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte) {
            out.append(number.longValue());
        } else {
            // BigDecimal, BigInteger, AtomicLong...: their text is a valid JSON number unless it says otherwise.
            String text = number.toString();
            if (isJsonNumber(text)) {
                out.append(text);
            } else {
                JsonText.appendQuoted(out, text);
            }
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        int count = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (count == MAX_ELEMENTS) {
                break;
            }
            if (count++ > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, String.valueOf(entry.getKey()));
            out.append(':');
            append(out, entry.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void appendIterable(StringBuilder out, Iterator<?> iterator, int depth) {
        out.append('[');
        int count = 0;
        while (iterator.hasNext() && count < MAX_ELEMENTS) {
            if (count++ > 0) {
                out.append(',');
            }
            append(out, iterator.next(), depth + 1);
        }
        out.append(']');
    }

    private static void appendArray(StringBuilder out, Object array, int depth) {
        // Array.get is reflective, but metadata arrays are written once per flush, not per metric value.
        int length = Math.min(Array.getLength(array), MAX_ELEMENTS);
        out.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, Array.get(array, i), depth + 1);
        }
        out.append(']');
    }

    private static boolean isJsonNumber(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            int fraction = 0;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
                fraction++;
            }
            if (fraction == 0) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n && (text.charAt(text.charAt(0) == '-' ? 1 : 0) != '0' || digits == 1);
    }
}
