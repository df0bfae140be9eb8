package dev.lambdalens.core.internal;

import dev.lambdalens.core.spi.MaskingPolicy;

/**
 * Masks inside a string that is itself a JSON object or array (an API Gateway or SQS {@code body}, an SNS
 * {@code Message}): members whose name is sensitive get the mask as their value, every string inside is masked
 * as free text, and everything else is copied as it was, spacing included. The result is still the text of
 * one JSON value, so the field stays a string that parses.
 *
 * <p>Text that is not valid JSON gives {@code null} and the caller treats it as free text. Nesting deeper than
 * {@link #MAX_DEPTH} is treated the same way, so that a hostile document cannot exhaust the stack.
 */
public final class JsonInText {
    static final int MAX_DEPTH = 64;

    private final String text;
    private final MaskingPolicy policy;
    private final int textDepth;
    private final StringBuilder out;
    private int position;
    private boolean changed;

    private JsonInText(String text, MaskingPolicy policy, int textDepth) {
        this.text = text;
        this.policy = policy;
        this.textDepth = textDepth;
        this.out = new StringBuilder(text.length() + 16);
    }

    /** Whether {@code text} could be a JSON object or array: its first and last non-blank characters match. */
    public static boolean looksLikeJson(String text) {
        int first = 0;
        int last = text.length() - 1;
        while (first <= last && text.charAt(first) <= ' ') {
            first++;
        }
        while (last > first && text.charAt(last) <= ' ') {
            last--;
        }
        if (first >= last) {
            return false;
        }
        char open = text.charAt(first);
        char close = text.charAt(last);
        return (open == '{' && close == '}') || (open == '[' && close == ']');
    }

    /**
     * {@code text} with its secrets masked, {@code text} itself when it holds none, or {@code null} when it is
     * not one JSON value. {@code textDepth} counts JSON strings inside JSON strings, for the policy's bound.
     */
    public static String mask(String text, MaskingPolicy policy, int textDepth) {
        JsonInText masker = new JsonInText(text, policy, textDepth);
        try {
            masker.whitespace();
            masker.value(0);
            masker.whitespace();
            if (masker.position != text.length()) {
                return null;
            }
        } catch (NotJson e) {
            return null;
        }
        return masker.changed ? masker.out.toString() : text;
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw NotJson.INSTANCE;
        }
        char c = peek();
        if (c == '{') {
            object(depth + 1);
        } else if (c == '[') {
            array(depth + 1);
        } else if (c == '"') {
            stringValue();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            throw NotJson.INSTANCE;
        }
    }

    private void object(int depth) {
        copy(1);
        whitespace();
        if (peek() == '}') {
            copy(1);
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw NotJson.INSTANCE;
            }
            int nameStart = position;
            String name = readString();
            out.append(text, nameStart, position);
            whitespace();
            expect(':');
            whitespace();
            if (policy.masksName(name)) {
                int valueStart = out.length();
                value(depth);
                out.setLength(valueStart);
                JsonText.appendQuoted(out, policy.mask());
                changed = true;
            } else {
                value(depth);
            }
            whitespace();
            char c = peek();
            if (c == ',') {
                copy(1);
                whitespace();
            } else if (c == '}') {
                copy(1);
                return;
            } else {
                throw NotJson.INSTANCE;
            }
        }
    }

    private void array(int depth) {
        copy(1);
        whitespace();
        if (peek() == ']') {
            copy(1);
            return;
        }
        while (true) {
            value(depth);
            whitespace();
            char c = peek();
            if (c == ',') {
                copy(1);
                whitespace();
            } else if (c == ']') {
                copy(1);
                return;
            } else {
                throw NotJson.INSTANCE;
            }
        }
    }

    private void stringValue() {
        int start = position;
        String value = readString();
        String masked = policy.maskText(value, textDepth + 1);
        if (masked == value) {
            out.append(text, start, position);
        } else {
            JsonText.appendQuoted(out, masked);
            changed = true;
        }
    }

    private void number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        int digits = position;
        while (position < text.length() && isNumberChar(text.charAt(position))) {
            position++;
        }
        if (position == digits) {
            throw NotJson.INSTANCE;
        }
        if (policy.masksNumber(text, start, position)) {
            JsonText.appendQuoted(out, policy.mask());
            changed = true;
        } else {
            out.append(text, start, position);
        }
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    /** Reads a JSON string at the position (not copied), unescaped. */
    private String readString() {
        position++; // opening quote
        StringBuilder value = null;
        int run = position;
        while (true) {
            if (position >= text.length()) {
                throw NotJson.INSTANCE;
            }
            char c = text.charAt(position);
            if (c == '"') {
                String result = value == null ? text.substring(run, position)
                        : value.append(text, run, position).toString();
                position++;
                return result;
            }
            if (c < ' ') {
                throw NotJson.INSTANCE;
            }
            if (c == '\\') {
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(text, run, position);
                position++;
                if (position >= text.length()) {
                    throw NotJson.INSTANCE;
                }
                char escaped = text.charAt(position);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (position + 4 >= text.length()) {
                            throw NotJson.INSTANCE;
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(position + 1, position + 5), 16));
                        } catch (NumberFormatException e) {
                            throw NotJson.INSTANCE;
                        }
                        position += 4;
                    }
                    default -> throw NotJson.INSTANCE;
                }
                position++;
                run = position;
                continue;
            }
            position++;
        }
    }

    private boolean literal(String word) {
        if (text.startsWith(word, position)) {
            copy(word.length());
            return true;
        }
        return false;
    }

    private char peek() {
        if (position >= text.length()) {
            throw NotJson.INSTANCE;
        }
        return text.charAt(position);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw NotJson.INSTANCE;
        }
        copy(1);
    }

    private void copy(int count) {
        out.append(text, position, position + count);
        position += count;
    }

    private void whitespace() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            position++;
        }
        out.append(text, start, position);
    }

    /** Thrown (preallocated, no stack) when the text is not JSON. */
    private static final class NotJson extends RuntimeException {
        static final NotJson INSTANCE = new NotJson();

        private NotJson() {
            super(null, null, false, false);
        }
    }
}
