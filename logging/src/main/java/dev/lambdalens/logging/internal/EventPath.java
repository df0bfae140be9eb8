package dev.lambdalens.logging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled correlation id expression: the subset of JMESPath that Powertools' presets use. Supported:
 * identifiers ({@code requestContext}), quoted identifiers ({@code "x-amzn-trace-id"}), sub-expressions joined
 * by dots, and index expressions ({@code Records[0]}, {@code Records[-1]}). Anything else (filters, functions,
 * projections, pipes, slices, multi-selects) is refused when compiling with an {@link IllegalArgumentException}
 * that names the position and what is supported.
 *
 * <p>Evaluation walks {@link Map}s and {@link List}s, the shape of any JSON event, and the typed events of
 * {@code aws-lambda-java-events} by the keys of Lambda's JSON ({@code Records[0].messageId}); it never throws.
 */
public final class EventPath {
    private final String expression;
    private final Object[] steps; // String = field, Integer = index

    private EventPath(String expression, Object[] steps) {
        this.expression = expression;
        this.steps = steps;
    }

    public static EventPath compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the correlation id path is empty");
        }
        List<Object> steps = new ArrayList<>();
        String text = expression.trim();
        int i = 0;
        boolean expectField = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (expectField) {
                if (c == '"') {
                    StringBuilder name = new StringBuilder();
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != '"') {
                        char q = text.charAt(j);
                        if (q == '\\' && j + 1 < text.length()) {
                            j++;
                            q = text.charAt(j);
                        }
                        name.append(q);
                        j++;
                    }
                    if (j >= text.length()) {
                        throw unsupported(expression, i, "unterminated quoted identifier");
                    }
                    steps.add(name.toString());
                    i = j + 1;
                } else if (isIdentifierStart(c)) {
                    int j = i + 1;
                    while (j < text.length() && isIdentifierPart(text.charAt(j))) {
                        j++;
                    }
                    steps.add(text.substring(i, j));
                    i = j;
                } else if (c == '[' && steps.isEmpty()) {
                    i = index(expression, text, i, steps);
                } else {
                    throw unsupported(expression, i, "expected an identifier");
                }
                expectField = false;
            } else if (c == '.') {
                expectField = true;
                i++;
            } else if (c == '[') {
                i = index(expression, text, i, steps);
            } else {
                throw unsupported(expression, i, "unexpected '" + c + "'");
            }
        }
        if (expectField) {
            throw unsupported(expression, text.length(), "the expression ends with a dot");
        }
        return new EventPath(expression, steps.toArray());
    }

    /** The value at this path as text (numbers and booleans too), or {@code null} when absent or not a scalar. */
    public String evaluate(Object root) {
        Object current = root;
        for (Object step : steps) {
            if (current == null) {
                return null;
            }
            if (step instanceof String) {
                current = EventJsonWriter.property(current, (String) step);
            } else {
                if (!(current instanceof List)) {
                    return null;
                }
                List<?> list = (List<?>) current;
                int index = (Integer) step;
                if (index < 0) {
                    index += list.size();
                }
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            }
        }
        if (current instanceof String || current instanceof Number || current instanceof Boolean) {
            return current.toString();
        }
        return null;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static int index(String expression, String text, int open, List<Object> steps) {
        int close = text.indexOf(']', open);
        if (close < 0) {
            throw unsupported(expression, open, "unterminated index");
        }
        String number = text.substring(open + 1, close).trim();
        try {
            steps.add(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            throw unsupported(expression, open, "only numeric indexes like [0] or [-1] are supported, not ["
                    + number + "]");
        }
        return close + 1;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private static IllegalArgumentException unsupported(String expression, int position, String problem) {
        return new IllegalArgumentException("correlation id path '" + expression + "' is not supported at position "
                + position + ": " + problem + ". Supported: identifiers, \"quoted identifiers\", dots and numeric"
                + " indexes, e.g. requestContext.requestId, headers.\"x-amzn-trace-id\", Records[0].messageId");
    }
}
