package dev.lambdalens.metrics;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.spi.SettingsReader;

import java.util.Locale;
import java.util.Objects;

/**
 * Every setting the metrics module reads from the function's environment, read once per runtime, at the first
 * invocation (or the first metric recorded outside one) that uses the runtime. Values set in code (builder,
 * annotation, {@link Metrics#setNamespace}) win over these; unset or unusable values give the defaults, and an
 * unusable value is reported once, naming the setting. Immutable.
 */
public final class MetricsSettings {
    /** The CloudWatch namespace (Powertools' name). */
    public static final String NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    /** The {@code FunctionName} dimension of the cold-start metric (Powertools' name). */
    public static final String FUNCTION_NAME = "POWERTOOLS_METRICS_FUNCTION_NAME";
    /** {@code true} writes no metrics at all (Powertools' name). */
    public static final String DISABLED = "POWERTOOLS_METRICS_DISABLED";
    /** {@code true}: SQS, Kinesis, DynamoDB Streams and SNS events give batch size and record age metrics. */
    public static final String EVENT_SOURCE = "LAMBDA_LENS_METRICS_EVENT_SOURCE";
    /** The log levels read to decide whether debug notes are written (the logging module's keys). */
    public static final String LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    public static final String LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    private final String namespace;
    private final String service;
    private final String functionName;
    private final boolean disabled;
    private final boolean eventSourceMetrics;
    private final boolean debug;

    private MetricsSettings(SettingsReader settings, LambdaEnvironment environment) {
        Configuration config = settings.configuration();
        this.namespace = config.get(NAMESPACE, null);
        this.service = environment.serviceName();
        this.functionName = config.get(FUNCTION_NAME, environment.functionName());
        this.disabled = settings.bool(DISABLED, false);
        this.eventSourceMetrics = settings.bool(EVENT_SOURCE, false);
        this.debug = isDebug(config.get(LOG_LEVEL, config.get(LAMBDA_LOG_LEVEL, null)));
    }

    /** Reads the settings from {@code configuration}; what cannot be used is reported on {@code diagnostics}. */
    public static MetricsSettings from(Configuration configuration, Diagnostics diagnostics) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(diagnostics, "diagnostics");
        return new MetricsSettings(new SettingsReader(configuration, diagnostics),
                LambdaEnvironment.from(configuration, diagnostics));
    }

    /** {@value #NAMESPACE}, or {@code null}. */
    public String namespace() {
        return namespace;
    }

    /** The {@code Service} dimension: {@code POWERTOOLS_SERVICE_NAME}, or {@code service_undefined}. */
    public String service() {
        return service;
    }

    /** {@value #FUNCTION_NAME}, else {@code AWS_LAMBDA_FUNCTION_NAME}, or {@code null}. */
    public String functionName() {
        return functionName;
    }

    /** {@value #DISABLED}; false by default. */
    public boolean disabled() {
        return disabled;
    }

    /** {@value #EVENT_SOURCE}; false by default. */
    public boolean eventSourceMetrics() {
        return eventSourceMetrics;
    }

    /** Whether {@value #LOG_LEVEL} (or {@value #LAMBDA_LOG_LEVEL}) is DEBUG or TRACE. */
    public boolean debug() {
        return debug;
    }

    private static boolean isDebug(String level) {
        if (level == null) {
            return false;
        }
        String upper = level.toUpperCase(Locale.ROOT);
        return upper.equals("DEBUG") || upper.equals("TRACE");
    }
}
