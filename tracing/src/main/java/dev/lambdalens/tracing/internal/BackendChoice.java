package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.tracing.TracingSettings;

/**
 * Decides, once per tracer, whether spans go to OpenTelemetry. Looks for the OpenTelemetry API as a class-path
 * resource first, so that a function without it loads no OpenTelemetry class; with {@code xray} nothing is
 * looked at at all.
 */
final class BackendChoice {
    private static final String GLOBAL_OPEN_TELEMETRY = "io/opentelemetry/api/GlobalOpenTelemetry.class";

    private BackendChoice() {
    }

    static boolean openTelemetry(TracingSettings.Backend backend, Diagnostics diagnostics) {
        if (backend == TracingSettings.Backend.XRAY) {
            return false;
        }
        ClassLoader loader = BackendChoice.class.getClassLoader();
        if (loader == null || loader.getResource(GLOBAL_OPEN_TELEMETRY) == null) {
            if (backend == TracingSettings.Backend.OTEL) {
                diagnostics.reportOnce("tracing:otel-missing", TracingSettings.BACKEND + "=otel, but the "
                        + "OpenTelemetry API (io.opentelemetry:opentelemetry-api) is not on the class path; "
                        + "subsegments go to the X-Ray daemon");
            }
            return false;
        }
        boolean registered;
        try {
            registered = OtelRegistration.registered();
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("tracing:otel-check", "could not ask OpenTelemetry whether an SDK is "
                    + "registered; subsegments go to the X-Ray daemon", e);
            return false;
        }
        if (!registered && backend == TracingSettings.Backend.OTEL) {
            diagnostics.reportOnce("tracing:otel-unregistered", TracingSettings.BACKEND + "=otel, but no "
                    + "OpenTelemetry SDK is registered as GlobalOpenTelemetry yet; spans go to "
                    + "GlobalOpenTelemetry.get() (the autoconfigured SDK, or a no-op that records nothing)");
        }
        return registered || backend == TracingSettings.Backend.OTEL;
    }
}
