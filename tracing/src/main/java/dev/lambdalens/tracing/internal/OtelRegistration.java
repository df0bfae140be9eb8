package dev.lambdalens.tracing.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * Whether an OpenTelemetry SDK is registered, asked without side effects: {@code GlobalOpenTelemetry.isSet()}
 * neither runs autoconfiguration nor installs the no-op, as {@code get()} would. A class of its own so that the
 * question loads only {@code GlobalOpenTelemetry}, not the span classes {@link OtelSpans} needs.
 */
final class OtelRegistration {
    private OtelRegistration() {
    }

    static boolean registered() {
        return GlobalOpenTelemetry.isSet();
    }
}
