package dev.lambdalens.core.spi;

/**
 * The ids of the span a log line is written in, for tracing backends whose ids are not the trace header's
 * (OpenTelemetry): the tracing module attaches one to the invocation scope under {@link #KEY}, the logging module
 * reads it, and neither depends on the other. Scopes without it have only the trace header's ids.
 *
 * <p>Called on the thread that logs, once per line: implementations answer for that thread's current span (or
 * the invocation's, outside any) without allocating, and never throw.
 */
public interface SpanIds {
    /** Where a scope holds its span ids. */
    ScopeKey<SpanIds> KEY = ScopeKey.named("core:span-ids");

    /** The W3C trace id (32 lower-case hex digits) of the calling thread's span, or {@code null}. */
    String traceId();

    /** The W3C span id (16 lower-case hex digits) of the calling thread's span, or {@code null}. */
    String spanId();

    /** The same trace id in X-Ray's form ({@code 1-8 hex-24 hex}), or {@code null}. */
    String xrayTraceId();
}
