package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.core.internal.JsonText;
import dev.lambdalens.core.internal.JsonValueWriter;
import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.tracing.TracingSettings;

import java.time.Clock;
import java.time.Instant;

/**
 * The tracing of one {@link LensRuntime}: its settings, read once when the tracer is made (on first use), and
 * the span factory that acts on them. Ending a span hands it to a {@link SpanSender}, or, with the OpenTelemetry
 * backend, to {@link OtelSpans}: this class is the one place that chooses, and it touches OpenTelemetry only
 * through {@code OtelSpans}, which is loaded only when that backend is chosen. One per runtime.
 */
public final class Tracer {
    private final TracingSettings settings;
    private final String serviceName;
    private final Clock clock;
    private final Diagnostics diagnostics;
    private final SpanSender sender;
    private final boolean sdkInterop;
    private final JsonValueWriter metadataWriter;
    private final MaskingPolicy masking;
    /** The mask as a JSON string, the metadata value of a sensitive key. */
    private final String maskJson;
    /** The OpenTelemetry backend, or {@code null} for X-Ray's. */
    private final OtelSpans otel;

    private Tracer(LensRuntime runtime) {
        TracingSettings settings = TracingSettings.from(runtime.configuration(), runtime.diagnostics());
        this.settings = settings;
        this.masking = MaskingPolicy.of(runtime);
        StringBuilder quotedMask = new StringBuilder();
        JsonText.appendQuoted(quotedMask, masking.mask());
        this.maskJson = quotedMask.toString();
        this.metadataWriter = JsonValueWriter.builder(runtime.diagnostics(), "tracing:metadata", "a metadata value")
                .masking(masking).build();
        this.serviceName = runtime.environment().serviceName();
        this.clock = runtime.clock();
        this.diagnostics = runtime.diagnostics();
        this.otel = settings.enabled() && BackendChoice.openTelemetry(settings.backend(), diagnostics)
                ? new OtelSpans(this) : null;
        // The X-Ray SDK's current entity means nothing to OpenTelemetry: interop is for the X-Ray backend.
        this.sdkInterop = settings.enabled() && otel == null
                && SdkInterop.decide(settings.sdkInterop(), diagnostics);
        this.sender = new SpanSender(new DaemonSender(settings.daemonAddress(), diagnostics, runtime.documentSink()),
                diagnostics, sdkInterop);
    }

    /** The tracer of {@code runtime}. */
    public static Tracer of(LensRuntime runtime) {
        return runtime.component(Tracer.class, Factory.INSTANCE);
    }

    /** A named factory, not a method reference: no LambdaMetafactory at cold start. */
    private static final class Factory implements java.util.function.Function<LensRuntime, Tracer> {
        static final Factory INSTANCE = new Factory();

        @Override
        public Tracer apply(LensRuntime runtime) {
            return new Tracer(runtime);
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public boolean captureResponse() {
        return settings.captureResponse();
    }

    public boolean captureError() {
        return settings.captureError();
    }

    /** Whether failed AWS SDK calls keep their exception (see {@link TracingSettings#awsCallErrors()}). */
    public boolean awsCallErrors() {
        return settings.awsCallErrors();
    }

    public String serviceName() {
        return serviceName;
    }

    /** Where tracing's problems are reported: the runtime's diagnostics. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** Writes metadata values as JSON. */
    /** The masking of everything this runtime's spans carry from user data. */
    public MaskingPolicy masking() {
        return masking;
    }

    String maskJson() {
        return maskJson;
    }

    JsonValueWriter metadataWriter() {
        return metadataWriter;
    }

    /** Whether subsegments are also the X-Ray SDK's current entity (see {@link SdkInterop}). */
    public boolean sdkInterop() {
        return sdkInterop;
    }

    SpanSender sender() {
        return sender;
    }

    /** Whether spans go to OpenTelemetry rather than to the X-Ray daemon. */
    public boolean openTelemetry() {
        return otel != null;
    }

    /**
     * Gives {@code scope} the span ids its log lines carry besides the trace header's ({@code SpanIds}), when the
     * backend has ids of its own (OpenTelemetry); {@code handler} is the invocation's span.
     */
    void attachSpanIds(InvocationScope scope, Span handler) {
        if (otel != null) {
            otel.attachSpanIds(scope, handler);
        }
    }

    /**
     * Makes {@code span} OpenTelemetry's current span on this thread too, so OpenTelemetry instrumentation in the
     * code nests under it; the returned scope undoes that. {@code null} with the X-Ray backend.
     */
    AutoCloseable makeCurrentForOpenTelemetry(Span span) {
        return otel == null ? null : otel.makeCurrent(span);
    }

    /**
     * A span for code running in {@code scope}: a child of the thread's current span when that belongs to the
     * same trace, else a child of the segment Lambda created. {@code null} when the invocation is not traced
     * (tracing off, no trace header, not sampled).
     */
    public Span startInScope(InvocationScope scope, String name) {
        return startInScope(scope, name, false);
    }

    /** As {@link #startInScope(InvocationScope, String)}; {@code client}: a call to another service. */
    public Span startInScope(InvocationScope scope, String name, boolean client) {
        if (!settings.enabled() || scope == null) {
            return null;
        }
        if (otel != null) {
            Span current = CurrentSpan.get();
            return otel.start(scope, current != null && current.tracer() == this ? current : null,
                    SubsegmentNames.checked(name, diagnostics), client, nowMicros());
        }
        TraceHeader header = scope.traceHeader();
        if (header == null || !header.isSampled() || header.parent() == null) {
            return null;
        }
        Span current = CurrentSpan.get();
        if (current != null && current.traceId().equals(header.root())) {
            return startChild(current, name);
        }
        return new Span(this, null, SubsegmentNames.checked(name, diagnostics),
                Ids.newId(header.root(), header.parent()), header.root(), header.parent(), serviceName, nowMicros());
    }

    /**
     * A span sent alone under the segment {@code header} names, for code traced outside any invocation scope
     * (Powertools' functional style); {@code null} when the header is not sampled or has no parent, and with the
     * OpenTelemetry backend, whose spans need a scope.
     */
    public Span startUnder(TraceHeader header, String name) {
        if (!settings.enabled() || otel != null || !header.isSampled() || header.parent() == null) {
            return null;
        }
        return new Span(this, null, SubsegmentNames.checked(name, diagnostics),
                Ids.newId(header.root(), header.parent()), header.root(), header.parent(), serviceName, nowMicros());
    }

    /** A child of {@code parent}. */
    public Span startChild(Span parent, String name) {
        return startChild(parent, name, false);
    }

    /** As {@link #startChild(Span, String)}; {@code client}: a call to another service. */
    public Span startChild(Span parent, String name, boolean client) {
        if (otel != null) {
            return otel.start(null, parent, SubsegmentNames.checked(name, diagnostics), client, nowMicros());
        }
        return new Span(this, parent, SubsegmentNames.checked(name, diagnostics),
                Ids.newId(parent.traceId(), parent.id()), parent.traceId(), parent.id(), serviceName, nowMicros());
    }

    /** Ends {@code span} and sends what has to go now. Never throws. */
    public void end(Span span) {
        try {
            if (otel != null) {
                if (!span.isEnded()) {
                    span.end(nowMicros());
                    otel.end(span);
                }
                return;
            }
            if (span.end(nowMicros())) {
                sender.send(span);
            }
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("tracing:end", "could not end or send the subsegment " + span.name(), e);
        }
    }

    /**
     * Sends {@code span} as it is, in progress, so that an invocation stopped at its deadline still shows its
     * handler subsegment and everything that ended under it. Never throws.
     */
    public void sendInProgress(Span span) {
        if (otel != null) {
            return; // OpenTelemetry has no in-progress spans: the span is exported when it ends
        }
        try {
            if (!span.isEnded()) {
                sender.send(span);
            }
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("tracing:in-progress", "could not send the subsegment " + span.name()
                    + " in progress", e);
        }
    }

    long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
