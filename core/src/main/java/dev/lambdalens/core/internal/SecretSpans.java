package dev.lambdalens.core.internal;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the secrets inside free text (a log message, an exception message, a string value): card numbers
 * (Luhn-checked), JWTs, AWS access key ids and secret keys, PEM private keys, the value of a
 * {@code name=value} or {@code name: value} pair whose name is sensitive (as a map's {@code toString()}, a query
 * string or a header line writes it), and the matches of configured patterns.
 *
 * <p>One pass over the characters decides everything for ordinary text: a detector only starts work at the
 * character its secret must begin with, so a line with none of them costs a loop of comparisons and no
 * allocation. The result is a sorted list of {@code [start, end)} spans, merged where they overlap, or
 * {@code null} when the text holds no secret.
 */
public final class SecretSpans {
    /** The prefixes of AWS access key ids (long-term, temporary, and the other principal kinds). */
    private static final String[] KEY_ID_PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA",
            "ANPA", "ANVA", "APKA", "AROA", "ASCA"};
    private static final int SECRET_KEY_LENGTH = 40;
    private static final int MAX_NAME_LENGTH = 64;

    private int[] spans;
    private int count;

    private SecretSpans() {
    }

    /**
     * The spans of {@code text} to mask, or {@code null} if there are none. {@code names} decides the pairs;
     * {@code detectors} turns the built-in value detectors on; {@code patterns} are the user's.
     */
    public static int[] find(String text, SensitiveNames names, boolean detectors, Pattern[] patterns) {
        SecretSpans found = null;
        int length = text.length();
        boolean pairs = !names.isEmpty();
        int runStart = -1; // start of the current run of base64 characters, for secret keys
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (detectors) {
                if (isBase64(c)) {
                    if (runStart < 0) {
                        runStart = i;
                    }
                } else {
                    if (runStart >= 0 && i - runStart == SECRET_KEY_LENGTH && c != '='
                            && isSecretKey(text, runStart, i)) {
                        found = add(found, runStart, i);
                    }
                    runStart = -1;
                }
            }
            int end = -1;
            if ((c == '=' || c == ':') && pairs) {
                found = pair(text, i, names, found);
                continue;
            }
            if (!detectors) {
                continue;
            }
            if (c >= '2' && c <= '6' && boundary(text, i - 1)) {
                end = cardEnd(text, i);
            } else if (c == 'e' && text.startsWith("eyJ", i) && !isBase64Url(text, i - 1)) {
                end = jwtEnd(text, i);
            } else if (c == 'A' && boundary(text, i - 1)) {
                end = keyIdEnd(text, i);
            } else if (c == '-' && text.startsWith("-----BEGIN", i)) {
                end = privateKeyEnd(text, i);
            }
            if (end > i) {
                found = add(found, i, end);
                i = end - 1;
                runStart = -1;
            }
        }
        if (detectors && runStart >= 0 && length - runStart == SECRET_KEY_LENGTH
                && isSecretKey(text, runStart, length)) {
            found = add(found, runStart, length);
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    found = add(found, matcher.start(), matcher.end());
                }
            }
        }
        return found == null ? null : found.merged();
    }

    private static SecretSpans add(SecretSpans found, int start, int end) {
        SecretSpans spans = found != null ? found : new SecretSpans();
        if (spans.spans == null) {
            spans.spans = new int[8];
        } else if (spans.count * 2 == spans.spans.length) {
            spans.spans = Arrays.copyOf(spans.spans, spans.spans.length * 2);
        }
        spans.spans[spans.count * 2] = start;
        spans.spans[spans.count * 2 + 1] = end;
        spans.count++;
        return spans;
    }

    /** Sorted by start, overlapping spans joined; trimmed to its length (pairs of ints). */
    private int[] merged() {
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            packed[i] = ((long) spans[i * 2] << 32) | spans[i * 2 + 1];
        }
        Arrays.sort(packed);
        int[] out = new int[count * 2];
        int n = 0;
        for (long span : packed) {
            int start = (int) (span >>> 32);
            int end = (int) span;
            if (n > 0 && start <= out[n * 2 - 1]) {
                out[n * 2 - 1] = Math.max(out[n * 2 - 1], end);
            } else {
                out[n * 2] = start;
                out[n * 2 + 1] = end;
                n++;
            }
        }
        return Arrays.copyOf(out, n * 2);
    }

    // --- name=value pairs -------------------------------------------------------------------------------

    /** At separator {@code at}: if the word before it is a sensitive name, the value after it is a span. */
    private static SecretSpans pair(String text, int at, SensitiveNames names, SecretSpans found) {
        int end = at;
        if (text.charAt(at) == ':') {
            if (text.startsWith("//", at + 1)) {
                return found; // a URL's scheme, not a pair
            }
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
        }
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start <= MAX_NAME_LENGTH && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        // A name starts with a letter or _ ("12:30", "2026-12-03T07:14" and "us-east-1:1234" are not pairs); the
        // check comes before the substring, so ordinary text allocates nothing.
        if (start == end || end - start > MAX_NAME_LENGTH || !isNameStart(text.charAt(start))
                || !names.isSensitive(text.substring(start, end))) {
            return found;
        }
        int value = at + 1;
        while (value < text.length() && text.charAt(value) == ' ') {
            value++;
        }
        if (value >= text.length()) {
            return found;
        }
        char first = text.charAt(value);
        int valueEnd;
        if (first == '"' || first == '\'') {
            value++;
            valueEnd = value;
            while (valueEnd < text.length() && text.charAt(valueEnd) != first) {
                valueEnd += text.charAt(valueEnd) == '\\' ? 2 : 1;
            }
            valueEnd = Math.min(valueEnd, text.length());
        } else {
            valueEnd = tokenEnd(text, value);
            if (isAuthScheme(text, value, valueEnd) && valueEnd < text.length() && text.charAt(valueEnd) == ' ') {
                valueEnd = tokenEnd(text, valueEnd + 1); // "Bearer abc": the credential is the second token
            }
        }
        return valueEnd > value ? add(found, value, valueEnd) : found;
    }

    private static int tokenEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == '&' || c == ')' || c == '}' || c == ']' || c == '"' || c == '\''
                    || c == '<' || c == '>' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isAuthScheme(String text, int start, int end) {
        int length = end - start;
        return (length == 6 && (text.regionMatches(true, start, "Bearer", 0, 6)
                || text.regionMatches(true, start, "Digest", 0, 6)))
                || (length == 5 && (text.regionMatches(true, start, "Basic", 0, 5)
                || text.regionMatches(true, start, "Token", 0, 5)));
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.';
    }

    // --- value detectors --------------------------------------------------------------------------------

    /** Whether position {@code i} is outside the text or not a letter or digit: a token may start after it. */
    private static boolean boundary(String text, int i) {
        return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
    }

    /**
     * The end of a card number starting at {@code start}: 13 to 19 digits, written together or in groups of
     * 4 to 6 with one kind of separator (space or dash), that pass the Luhn check; -1 if there is none. Card
     * numbers start with 2 to 6, which keeps epoch-millisecond timestamps (which start with 1) out.
     */
    private static int cardEnd(String text, int start) {
        int digits = 0;
        char separator = 0;
        int i = start;
        int groupStart = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 19) {
                    return -1;
                }
                i++;
                continue;
            }
            boolean canSeparate = (c == ' ' || c == '-') && (separator == 0 || separator == c)
                    && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
            int group = i - groupStart;
            if (canSeparate && group >= 4 && group <= 6) {
                separator = c;
                i++;
                groupStart = i;
                continue;
            }
            break;
        }
        if (digits < 13 || !boundary(text, i) || (separator != 0 && i - groupStart > 6)) {
            return -1;
        }
        int sum = 0;
        int position = 0;
        for (int d = i - 1; d >= start; d--) {
            char c = text.charAt(d);
            if (c < '0' || c > '9') {
                continue;
            }
            int value = c - '0';
            if (position++ % 2 == 1) {
                value *= 2;
                if (value > 9) {
                    value -= 9;
                }
            }
            sum += value;
        }
        return sum % 10 == 0 ? i : -1;
    }

    /** The end of a JWT ({@code eyJ...}.{@code ...}.{@code ...}) starting at {@code start}, or -1. */
    private static int jwtEnd(String text, int start) {
        int header = base64UrlEnd(text, start);
        if (header - start < 10 || header >= text.length() || text.charAt(header) != '.') {
            return -1;
        }
        int payload = base64UrlEnd(text, header + 1);
        if (payload - header - 1 < 2 || payload >= text.length() || text.charAt(payload) != '.') {
            return -1;
        }
        return base64UrlEnd(text, payload + 1);
    }

    private static int base64UrlEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isBase64UrlChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBase64Url(String text, int i) {
        return i >= 0 && isBase64UrlChar(text.charAt(i));
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** The end of an AWS access key id (a known prefix and 16 upper-case letters or digits), or -1. */
    private static int keyIdEnd(String text, int start) {
        int end = start + 20;
        if (end > text.length() || !boundary(text, end)) {
            return -1;
        }
        boolean prefix = false;
        for (String candidate : KEY_ID_PREFIXES) {
            if (text.startsWith(candidate, start)) {
                prefix = true;
                break;
            }
        }
        if (!prefix) {
            return -1;
        }
        for (int i = start + 4; i < end; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return -1;
            }
        }
        return end;
    }

    /** A PEM private key block from {@code start}: to the end of its END line, or of the text. -1 if not private. */
    private static int privateKeyEnd(String text, int start) {
        int headerEnd = text.indexOf("-----", start + 10);
        if (headerEnd < 0 || !text.substring(start, headerEnd).contains("PRIVATE KEY")) {
            return -1;
        }
        int end = text.indexOf("-----END", headerEnd + 5);
        if (end < 0) {
            return text.length();
        }
        int close = text.indexOf("-----", end + 8);
        return close < 0 ? text.length() : close + 5;
    }

    private static boolean isBase64(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /**
     * Whether the 40 base64 characters in {@code [start, end)} look like an AWS secret access key: upper- and
     * lower-case letters and digits all present (a hex digest, a path or a word run does not qualify).
     */
    private static boolean isSecretKey(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int slashes = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            if (c == '/') {
                slashes++;
            }
        }
        // A file path of 40 characters has several slashes; a key has at most a few.
        return upper && lower && digit && slashes <= 3;
    }
}
