package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.spi.SettingsReader;
import dev.lambdalens.core.LensRuntime;

import java.util.Locale;

/**
 * The metrics settings one runtime's configuration holds (environment variables in Lambda), read once per
 * runtime rather than once per invocation.
 *
 * @param namespace {@code POWERTOOLS_METRICS_NAMESPACE}, or null
 * @param service {@code POWERTOOLS_SERVICE_NAME}, or {@code service_undefined}
 * @param functionName {@code POWERTOOLS_METRICS_FUNCTION_NAME}, else {@code AWS_LAMBDA_FUNCTION_NAME}, or null
 * @param disabled {@code POWERTOOLS_METRICS_DISABLED}
 * @param eventSourceMetrics {@code LAMBDA_LENS_METRICS_EVENT_SOURCE}
 * @param debug whether {@code POWERTOOLS_LOG_LEVEL} or {@code AWS_LAMBDA_LOG_LEVEL} is DEBUG (or TRACE)
 */
record EnvironmentSettings(LensRuntime runtime, String namespace, String service, String functionName,
                           boolean disabled, boolean eventSourceMetrics, boolean debug) {
    static final String NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    static final String FUNCTION_NAME = "POWERTOOLS_METRICS_FUNCTION_NAME";
    static final String DISABLED = "POWERTOOLS_METRICS_DISABLED";
    static final String EVENT_SOURCE = "LAMBDA_LENS_METRICS_EVENT_SOURCE";

    static EnvironmentSettings of(LensRuntime runtime) {
        Configuration config = runtime.configuration();
        SettingsReader settings = new SettingsReader(config, runtime.diagnostics());
        String functionName = config.get(FUNCTION_NAME, runtime.environment().functionName());
        return new EnvironmentSettings(runtime, config.get(NAMESPACE, null), runtime.environment().serviceName(),
                functionName, settings.bool(DISABLED, false), settings.bool(EVENT_SOURCE, false),
                isDebug(config.get("POWERTOOLS_LOG_LEVEL", config.get("AWS_LAMBDA_LOG_LEVEL", null))));
    }

    private static boolean isDebug(String level) {
        if (level == null) {
            return false;
        }
        String upper = level.toUpperCase(Locale.ROOT);
        return upper.equals("DEBUG") || upper.equals("TRACE");
    }
}
