package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.SettingsReader;
import dev.lambdalens.logging.internal.LogLevels;

import java.util.Objects;

/**
 * Every setting the logging module reads from the function's environment, read once: when
 * {@link LambdaLogging.Builder#build()} is called (for {@code @Logging}, when its interceptor is built at the
 * first invocation), and, for the masking keys, when the {@link LambdaJsonEncoder} starts with Logback. Values
 * set in code (builder, annotation) win over these; unset or unusable values give the defaults, and an unusable
 * value is reported once, naming the setting. Immutable.
 */
public final class LoggingSettings {
    /** Logs the incoming event (Powertools' name). */
    public static final String LOG_EVENT = "POWERTOOLS_LOGGER_LOG_EVENT";
    /** Logs the handler's response (Powertools' name). */
    public static final String LOG_RESPONSE = "POWERTOOLS_LOGGER_LOG_RESPONSE";
    /** Logs an uncaught error (Powertools' name). */
    public static final String LOG_ERROR = "POWERTOOLS_LOGGER_LOG_ERROR";
    /** Older spellings of the three above, still read when the Powertools name is unset. */
    public static final String LOG_EVENT_LEGACY = "POWERTOOLS_LOG_EVENT";
    public static final String LOG_RESPONSE_LEGACY = "POWERTOOLS_LOG_RESPONSE";
    public static final String LOG_ERROR_LEGACY = "POWERTOOLS_LOG_ERROR";
    /** The share of invocations, 0 to 1, that log at DEBUG (Powertools' name). */
    public static final String SAMPLE_RATE = "POWERTOOLS_LOGGER_SAMPLE_RATE";
    /**
     * The handler Lambda calls ({@code com.example.Handler::handleRequest}), set by Lambda: its class names the
     * logger of the event, response and error lines, as Powertools' aspect uses the handler class.
     */
    public static final String HANDLER = "_HANDLER";
    /** The root log level (Powertools' name). */
    public static final String LOG_LEVEL = LogLevels.POWERTOOLS_LOG_LEVEL;
    /** Lambda's advanced logging controls level: lines below it are dropped by Lambda. */
    public static final String LAMBDA_LOG_LEVEL = LogLevels.AWS_LAMBDA_LOG_LEVEL;
    /** Holds low-level lines per invocation and writes them only on error. */
    public static final String BUFFER = "LAMBDA_LENS_LOG_BUFFER";
    /** The most severe level that is buffered. */
    public static final String BUFFER_LEVEL = "LAMBDA_LENS_LOG_BUFFER_LEVEL";
    /** The bound of one invocation's buffer, in bytes of output. */
    public static final String BUFFER_MAX_BYTES = "LAMBDA_LENS_LOG_BUFFER_MAX_BYTES";
    /**
     * logstash paths masked in every line (e.g. {@code body/card/number}), comma-separated (read by the encoder).
     * The names, patterns and detectors masked everywhere are {@link dev.lambdalens.core.MaskingSettings}'.
     */
    public static final String MASK_PATHS = "LAMBDA_LENS_LOG_MASK_PATHS";
    /** Powertools' default buffer bound. */
    public static final long DEFAULT_BUFFER_MAX_BYTES = 20_480;

    private final boolean logEvent;
    private final boolean logResponse;
    private final boolean logError;
    private final double samplingRate;
    private final boolean samplingRateSet;
    private final String handlerClass;
    private final boolean buffering;
    private final Level bufferLevel;
    private final long bufferMaxBytes;

    private LoggingSettings(SettingsReader settings) {
        this.logEvent = settings.bool(LOG_EVENT, settings.bool(LOG_EVENT_LEGACY, false));
        this.logResponse = settings.bool(LOG_RESPONSE, settings.bool(LOG_RESPONSE_LEGACY, false));
        this.logError = settings.bool(LOG_ERROR, settings.bool(LOG_ERROR_LEGACY, false));
        this.samplingRate = settings.decimal(SAMPLE_RATE, 0, 0, 1); // reports an unusable value
        this.samplingRateSet = usableRate(settings.string(SAMPLE_RATE, null));
        this.handlerClass = handlerClass(settings.string(HANDLER, null));
        this.buffering = settings.bool(BUFFER, false);
        String level = settings.string(BUFFER_LEVEL, null);
        Level parsed = LogLevels.parse(level);
        if (level != null && parsed == null) {
            settings.invalid(BUFFER_LEVEL, level, "is not a log level (TRACE, DEBUG, INFO, WARN)",
                    "DEBUG and below are buffered");
        } else if (parsed != null && parsed.levelInt >= Level.ERROR_INT) {
            // ERROR lines must never wait in a buffer that a successful invocation drops.
            settings.invalid(BUFFER_LEVEL, level, "would buffer ERROR lines (TRACE, DEBUG, INFO or WARN can be"
                    + " buffered)", "DEBUG and below are buffered");
            parsed = null;
        }
        this.bufferLevel = parsed != null ? parsed : Level.DEBUG;
        this.bufferMaxBytes = settings.integer(BUFFER_MAX_BYTES, (int) DEFAULT_BUFFER_MAX_BYTES, 1, Integer.MAX_VALUE);
    }

    /** Reads the settings from {@code configuration}; what cannot be used is reported on {@code diagnostics}. */
    public static LoggingSettings from(Configuration configuration, Diagnostics diagnostics) {
        return new LoggingSettings(new SettingsReader(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(diagnostics, "diagnostics")));
    }

    /** {@value #LOG_EVENT} (or {@value #LOG_EVENT_LEGACY}); false by default. */
    public boolean logEvent() {
        return logEvent;
    }

    /** {@value #LOG_RESPONSE} (or {@value #LOG_RESPONSE_LEGACY}); false by default. */
    public boolean logResponse() {
        return logResponse;
    }

    /** {@value #LOG_ERROR} (or {@value #LOG_ERROR_LEGACY}); false by default. */
    public boolean logError() {
        return logError;
    }

    /** {@value #SAMPLE_RATE}; 0 by default. */
    public double samplingRate() {
        return samplingRate;
    }

    /**
     * Whether {@value #SAMPLE_RATE} holds a usable rate. Such a rate wins over the annotation's and the builder's,
     * as in Powertools ("the environment variable takes precedence"); an unusable one is reported and ignored.
     */
    public boolean samplingRateSet() {
        return samplingRateSet;
    }

    /** The class part of {@value #HANDLER}, or {@code null} when it is unset or names no class. */
    public String handlerClass() {
        return handlerClass;
    }

    private static boolean usableRate(String value) {
        if (value == null) {
            return false;
        }
        try {
            double rate = Double.parseDouble(value);
            return rate >= 0 && rate <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String handlerClass(String handler) {
        if (handler == null) {
            return null;
        }
        int separator = handler.indexOf("::");
        String type = (separator >= 0 ? handler.substring(0, separator) : handler).trim();
        return type.isEmpty() ? null : type;
    }

    /** {@value #BUFFER}; false by default. */
    public boolean buffering() {
        return buffering;
    }

    /** {@value #BUFFER_LEVEL}; DEBUG by default. */
    public Level bufferLevel() {
        return bufferLevel;
    }

    /** {@value #BUFFER_MAX_BYTES}; {@value #DEFAULT_BUFFER_MAX_BYTES} by default. */
    public long bufferMaxBytes() {
        return bufferMaxBytes;
    }
}
