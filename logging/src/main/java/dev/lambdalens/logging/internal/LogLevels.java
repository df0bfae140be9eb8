package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import org.slf4j.Logger;

import java.util.Locale;

/**
 * The root log level from {@code POWERTOOLS_LOG_LEVEL}, reconciled with Lambda's advanced logging controls
 * ({@code AWS_LAMBDA_LOG_LEVEL}): Lambda drops JSON lines below its level, so a lower Lambda Lens level would
 * only cost formatting. The more severe of the two wins, with one warning when they disagree that way.
 */
public final class LogLevels {
    public static final String POWERTOOLS_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    public static final String AWS_LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    private LogLevels() {
    }

    /** The level the configuration asks for, or {@code null} when neither variable is set (keep what is). */
    public static Level resolve(Configuration configuration, Diagnostics diagnostics) {
        Level wanted = parse(configuration, POWERTOOLS_LOG_LEVEL, diagnostics);
        Level lambda = parse(configuration, AWS_LAMBDA_LOG_LEVEL, diagnostics);
        if (wanted == null) {
            return lambda;
        }
        if (lambda != null && wanted.toInt() < lambda.toInt()) {
            diagnostics.reportOnce("logging:level:below-lambda", POWERTOOLS_LOG_LEVEL + "=" + wanted
                    + " is below Lambda's " + AWS_LAMBDA_LOG_LEVEL + "=" + lambda
                    + ": Lambda would drop those lines, so Lambda Lens logs at " + lambda);
            return lambda;
        }
        return wanted;
    }

    /** Sets the root logger of {@code context} to the configured level, if one is configured. */
    public static void apply(LoggerContext context, Configuration configuration, Diagnostics diagnostics) {
        Level level = resolve(configuration, diagnostics);
        if (level != null) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
    }

    /** A level name as Powertools and Lambda spell them (WARNING, CRITICAL and FATAL included), or null. */
    public static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE":
                return Level.TRACE;
            case "DEBUG":
                return Level.DEBUG;
            case "INFO":
                return Level.INFO;
            case "WARN":
            case "WARNING":
                return Level.WARN;
            case "ERROR":
            case "CRITICAL":
            case "FATAL":
                return Level.ERROR;
            case "OFF":
            case "SILENT":
                return Level.OFF;
            default:
                return null;
        }
    }

    private static Level parse(Configuration configuration, String key, Diagnostics diagnostics) {
        String value = configuration.get(key, null);
        if (value == null) {
            return null;
        }
        Level level = parse(value);
        if (level == null) {
            diagnostics.reportOnce("logging:level:" + key, key + "=" + value
                    + " is not a log level (TRACE, DEBUG, INFO, WARN, ERROR); ignoring it");
        }
        return level;
    }
}
