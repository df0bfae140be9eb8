package dev.lambdalens.core.internal;

/**
 * Writes JSON string literals.
 *
 * <p>Every control character is escaped, so a value can never break a JSON line in two (log injection).
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string; {@code null} is written as {@code null}. */
    public static void appendQuoted(StringBuilder out, CharSequence value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        appendEscaped(out, value);
        out.append('"');
    }

    /** Appends the characters of {@code value} escaped for use inside a JSON string. */
    public static void appendEscaped(StringBuilder out, CharSequence value) {
        int length = value.length();
        int i = 0;
        while (true) {
            // Runs that need no escaping (nearly all text) are copied in bulk, not one append per char.
            int run = i;
            while (i < length && !needsEscape(value.charAt(i))) {
                i++;
            }
            if (run == 0 && i == length) {
                out.append(value);
                return;
            }
            out.append(value, run, i);
            if (i == length) {
                return;
            }
            char c = value.charAt(i++);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    // Other control chars, DEL, and U+2028/U+2029 (valid JSON, but they end lines in
                    // JavaScript-based log viewers).
                    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
    }

    /** Whether {@code text} is a number as JSON writes it (no leading zeros, no NaN, no hex). */
    public static boolean isNumber(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        int start = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        int digits = i - start;
        if (digits == 0 || (digits > 1 && text.charAt(start) == '0')) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
