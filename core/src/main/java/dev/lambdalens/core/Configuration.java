package dev.lambdalens.core;

import java.util.Map;
import java.util.Objects;

/**
 * Where Lambda Lens reads its settings: one function from a key to a value, so that tests hand in a map
 * instead of mutating the process environment.
 *
 * <p>Keys are the environment variable names Powertools for AWS Lambda uses in every language
 * ({@code POWERTOOLS_SERVICE_NAME}, {@code POWERTOOLS_LOG_LEVEL}, ...), plus Lambda's own
 * ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_LOG_LEVEL}, ...). Values set in code (annotation
 * attributes, builders) take precedence over what this returns; defaults apply when it returns {@code null}.
 *
 * <p>Typed values (booleans, numbers, lists, patterns) are read through
 * {@link dev.lambdalens.core.spi.SettingsReader}, which reports a value it cannot use on the runtime's
 * {@link Diagnostics} instead of failing.
 */
@FunctionalInterface
public interface Configuration {

    /** The value for {@code key}, or {@code null} when it is not set. Blank values count as not set. */
    String get(String key);

    /** The process environment. */
    static Configuration environment() {
        return System::getenv;
    }

    /** A fixed set of values, for tests and for code that builds its own configuration. */
    static Configuration of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /** This configuration, with {@code fallback} consulted for keys this one does not set. */
    default Configuration orElse(Configuration fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return key -> {
            String value = trimmed(get(key));
            return value != null ? value : fallback.get(key);
        };
    }

    /** The trimmed value, or {@code defaultValue} when the key is unset or blank. */
    default String get(String key, String defaultValue) {
        String value = trimmed(get(key));
        return value != null ? value : defaultValue;
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
