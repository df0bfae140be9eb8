package dev.lambdalens.metrics;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.spi.SettingsReader;
import dev.lambdalens.metrics.internal.MetricRules;
import dev.lambdalens.metrics.model.DimensionSet;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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

    /** The level names Powertools and Lambda accept. */
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR",
            "CRITICAL", "FATAL", "OFF", "SILENT");

    private final String namespace;
    private final String service;
    private final String functionName;
    private final boolean disabled;
    private final boolean eventSourceMetrics;
    private final boolean debug;

    private MetricsSettings(SettingsReader settings, LambdaEnvironment environment) {
        this.namespace = namespace(settings);
        this.service = service(settings, environment.serviceName());
        this.functionName = functionName(settings, environment.functionName());
        this.disabled = settings.bool(DISABLED, false);
        this.eventSourceMetrics = settings.bool(EVENT_SOURCE, false);
        String level = logLevel(settings, LOG_LEVEL);
        this.debug = isDebug(level != null ? level : logLevel(settings, LAMBDA_LOG_LEVEL));
    }

    /** An unusable namespace is reported here, naming the setting, and replaced by the default one. */
    private static String namespace(SettingsReader settings) {
        String value = settings.string(NAMESPACE, null);
        String rule = value == null ? null : MetricRules.namespaceRule(value);
        if (rule == null) {
            return value;
        }
        settings.invalid(NAMESPACE, value, "cannot be used: " + rule, "metrics are written under '"
                + MetricRules.DEFAULT_NAMESPACE + "' unless code sets a namespace");
        return MetricRules.DEFAULT_NAMESPACE;
    }

    private static String service(SettingsReader settings, String service) {
        if (LambdaEnvironment.DEFAULT_SERVICE_NAME.equals(service)) {
            return service;
        }
        String rule = DimensionSet.rejection("Service", service);
        if (rule == null) {
            return service;
        }
        settings.invalid(LambdaEnvironment.SERVICE_NAME, service, "is not a CloudWatch dimension value: " + rule,
                "metrics are written without the Service dimension unless code sets a service");
        return LambdaEnvironment.DEFAULT_SERVICE_NAME;
    }

    private static String functionName(SettingsReader settings, String lambdaFunctionName) {
        String value = settings.string(FUNCTION_NAME, null);
        if (value == null) {
            return lambdaFunctionName;
        }
        String rule = DimensionSet.rejection("FunctionName", value);
        if (rule == null) {
            return value;
        }
        settings.invalid(FUNCTION_NAME, value, "is not a CloudWatch dimension value: " + rule,
                "the function's own name is used");
        return lambdaFunctionName;
    }

    /**
     * The level named by {@code key}, or {@code null}; a name that is no level is reported under the logging
     * module's key, so a function with both modules hears it once.
     */
    private static String logLevel(SettingsReader settings, String key) {
        String value = settings.string(key, null);
        if (value == null || LEVELS.contains(value.toUpperCase(Locale.ROOT))) {
            return value;
        }
        settings.diagnostics().reportOnce("logging:level:" + key, key + "=" + Diagnostics.shorten(value)
                + " is not a log level (TRACE, DEBUG, INFO, WARN, ERROR); ignoring it");
        return null;
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
