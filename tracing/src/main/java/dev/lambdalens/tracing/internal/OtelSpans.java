package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.core.spi.SpanIds;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry backend: each Lens span is also an OpenTelemetry span, started when the Lens span starts
 * (so its ids are OpenTelemetry's, and code inside it sees it as current) and given the Lens span's annotations,
 * metadata, AWS call fields and error when it ends ({@link OtelAttributes}). Loaded only when
 * {@link BackendChoice} picks OpenTelemetry.
 *
 * <p>Parent: the Lens span it is started in (or an OpenTelemetry span of the same trace current inside that);
 * else the OpenTelemetry span current on the thread, which at the start of an invocation is the invocation
 * span of the OpenTelemetry or ADOT Lambda layer; else the X-Ray trace header of the invocation, as a remote
 * parent. Spans the SDK does not record (not sampled) give no Lens span: the code runs untraced.
 */
final class OtelSpans {
    /** The instrumentation scope of the spans. */
    static final String SCOPE = "dev.lambdalens.tracing";

    private final Tracer tracer;
    private final io.opentelemetry.api.trace.Tracer otelTracer;

    OtelSpans(Tracer tracer) {
        this.tracer = tracer;
        this.otelTracer = GlobalOpenTelemetry.get().getTracer(SCOPE);
    }

    /**
     * A span named {@code name}, a child of {@code lensParent} when given, else of what is current on this
     * thread or of {@code scope}'s trace header; {@code null} when there is nothing to be a child of or the SDK
     * does not record it.
     */
    Span start(InvocationScope scope, Span lensParent, String name, boolean client, long startMicros) {
        Context context = Context.current();
        SpanContext parent = io.opentelemetry.api.trace.Span.fromContext(context).getSpanContext();
        if (lensParent != null) {
            io.opentelemetry.api.trace.Span parentSpan = otelSpan(lensParent);
            // An OpenTelemetry span the code started inside the Lens span is the closer parent; anything else
            // current here (another trace) is not.
            if (!parent.isValid() || !parent.getTraceId().equals(parentSpan.getSpanContext().getTraceId())) {
                context = context.with(parentSpan);
                parent = parentSpan.getSpanContext();
            }
        } else if (!parent.isValid()) {
            parent = remoteParent(scope == null ? null : scope.traceHeader());
            if (parent == null) {
                return null;
            }
            context = context.with(io.opentelemetry.api.trace.Span.wrap(parent));
        }
        io.opentelemetry.api.trace.Span otel = otelTracer.spanBuilder(name)
                .setParent(context)
                .setSpanKind(client ? SpanKind.CLIENT : SpanKind.INTERNAL)
                .setStartTimestamp(startMicros, TimeUnit.MICROSECONDS)
                .startSpan();
        if (!otel.isRecording()) {
            otel.end();
            return null;
        }
        SpanContext own = otel.getSpanContext();
        String traceId = lensParent != null && own.getTraceId().equals(otelSpan(lensParent).getSpanContext().getTraceId())
                ? lensParent.traceId() : xrayTraceId(own.getTraceId());
        Span span = new Span(tracer, lensParent, name, own.getSpanId(), traceId, parent.getSpanId(),
                tracer.serviceName(), startMicros);
        span.otelSpan = otel;
        return span;
    }

    /** Gives the ended {@code span}'s OpenTelemetry span what was recorded on it, and ends it at the same time. */
    void end(Span span) {
        io.opentelemetry.api.trace.Span otel = otelSpan(span);
        synchronized (span.lock()) {
            OtelAttributes.copy(span, otel);
        }
        otel.end(span.endMicros(), TimeUnit.MICROSECONDS);
    }

    /** Attaches to {@code scope} the ids of its spans, for its log lines; the first handler span's stays. */
    void attachSpanIds(InvocationScope scope, Span handler) {
        scope.state().attachment(SpanIds.KEY, attached -> new OtelSpanIds(handler));
    }

    /** Makes {@code span} OpenTelemetry's current span on this thread until the returned scope is closed. */
    AutoCloseable makeCurrent(Span span) {
        return otelSpan(span).makeCurrent();
    }

    private static io.opentelemetry.api.trace.Span otelSpan(Span span) {
        return (io.opentelemetry.api.trace.Span) span.otelSpan;
    }

    /** The X-Ray header's segment as a remote, sampled parent; {@code null} without a sampled header. */
    static SpanContext remoteParent(TraceHeader header) {
        if (header == null || !header.isSampled() || header.parent() == null) {
            return null;
        }
        String root = header.root(); // 1-5759e988-bd862e3fe1be46a994272793
        if (root == null || root.length() != 35) {
            return null;
        }
        SpanContext parent = SpanContext.createFromRemoteParent(root.substring(2, 10).concat(root.substring(11)),
                header.parent(), TraceFlags.getSampled(), TraceState.getDefault());
        return parent.isValid() ? parent : null;
    }

    /** The X-Ray form ({@code 1-8 hex-24 hex}) of a W3C trace id (32 hex). */
    static String xrayTraceId(String w3cTraceId) {
        return new StringBuilder(35).append("1-").append(w3cTraceId, 0, 8).append('-')
                .append(w3cTraceId, 8, 32).toString();
    }
}
