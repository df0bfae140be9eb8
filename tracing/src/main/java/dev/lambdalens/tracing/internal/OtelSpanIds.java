package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.spi.SpanIds;

/**
 * The span ids log lines of one invocation carry with the OpenTelemetry backend: those of the Lens span current
 * on the logging thread when it belongs to the invocation's trace, else those of the invocation's handler span
 * (lines written after it ended, by logging's outer interceptor, or on threads without a span). Allocation-free:
 * OpenTelemetry's span context keeps its ids as strings.
 */
final class OtelSpanIds implements SpanIds {
    private final Span handler;

    OtelSpanIds(Span handler) {
        this.handler = handler;
    }

    @Override
    public String traceId() {
        return context(span()).getTraceId();
    }

    @Override
    public String spanId() {
        return context(span()).getSpanId();
    }

    @Override
    public String xrayTraceId() {
        return span().traceId();
    }

    private Span span() {
        Span current = CurrentSpan.get();
        return current != null && current.otelSpan != null && current.traceId().equals(handler.traceId())
                ? current : handler;
    }

    private static io.opentelemetry.api.trace.SpanContext context(Span span) {
        return ((io.opentelemetry.api.trace.Span) span.otelSpan).getSpanContext();
    }
}
