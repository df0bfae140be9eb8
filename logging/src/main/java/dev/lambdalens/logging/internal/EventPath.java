package dev.lambdalens.logging.internal;

import dev.lambdalens.core.internal.BeanProperties;

import java.lang.reflect.InvocationTargetException;
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
 * <p>Evaluation walks {@link Map}s and {@link List}s (an event the handler takes as a {@code Map}) and the
 * getters and record components of objects (an aws-lambda-java-events class), so one preset matches both. JSON
 * names and Java property names differ in case ({@code Records} is {@code getRecords()}, {@code xAmzRequestId}
 * is {@code getXAmzRequestId()}), so an object's property is matched exactly, else ignoring case. Only the
 * getters on the path are called, found once per class (Jackson would serialize the whole event, and its first
 * use costs a cold start about 100 ms).
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

    /**
     * The value at this path as text (numbers and booleans too), or {@code null} when absent or not a scalar.
     * Throws only what a getter of the event threw, as an {@link IllegalStateException} naming its class.
     */
    public String evaluate(Object root) {
        Object current = root;
        for (Object step : steps) {
            if (current == null) {
                return null;
            }
            if (step instanceof String) {
                current = field(current, (String) step);
            } else {
                current = element(current, (Integer) step);
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

    private static Object field(Object value, String name) {
        if (value instanceof Map) {
            return ((Map<?, ?>) value).get(name);
        }
        if (value instanceof List || value instanceof CharSequence || value instanceof Number
                || value instanceof Boolean || value.getClass().isArray()) {
            return null;
        }
        if (EventJsonWriter.isEventType(value.getClass())) {
            // The key Lambda's own JSON has (detail-type, Sns, eventSourceARN), as the logged event shows it.
            Object named = EventJsonWriter.property(value, name);
            if (named != null) {
                return named;
            }
        }
        BeanProperties.Property[] properties = BeanProperties.of(value.getClass());
        BeanProperties.Property found = null;
        for (BeanProperties.Property property : properties) {
            if (property.name.equals(name)) {
                found = property;
                break;
            }
            if (found == null && property.name.equalsIgnoreCase(name)) {
                found = property;
            }
        }
        if (found == null) {
            return null;
        }
        try {
            return found.getter.invoke(value);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the getter " + found.getter.getName() + " of "
                    + value.getClass().getName() + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            return null; // Not callable from here (a module boundary): no value, as for an absent property.
        }
    }

    private static Object element(Object value, int index) {
        int size;
        if (value instanceof List) {
            size = ((List<?>) value).size();
        } else if (value instanceof Object[]) {
            size = ((Object[]) value).length;
        } else {
            return null;
        }
        int at = index < 0 ? index + size : index;
        if (at < 0 || at >= size) {
            return null;
        }
        return value instanceof List ? ((List<?>) value).get(at) : ((Object[]) value)[at];
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
