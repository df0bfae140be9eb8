package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.tracing.CaptureMode;
import dev.lambdalens.tracing.TracedSubsegment;

/**
 * Runs code in a subsegment: a child of the thread's current span, or of Lambda's segment when there is none.
 * Shared by {@code LambdaTracing.withSubsegment} and by {@code @Tracing} on methods that are not handlers.
 */
public final class TracedCall {

    /** The code to run, which may throw anything. */
    @FunctionalInterface
    public interface Body<T> {
        T run(TracedSubsegment subsegment) throws Throwable;
    }

    private TracedCall() {
    }

    /**
     * Runs {@code body} in a subsegment named {@code name}; returns what it returns and rethrows what it
     * throws, unchanged. Untraced code (tracing off, not sampled, no invocation) runs with a no-op subsegment.
     *
     * @param namespace   the metadata namespace of the captured response and error, or {@code null} for the
     *                    service name
     * @param method      the name the captured response and error are recorded under ({@code method response});
     *                    {@code null} for the subsegment's name as X-Ray accepts it
     * @param mayCaptureResponse false for {@code void} methods and where the caller gets the result anyway
     *                           (the plain-Java API)
     */
    public static <T> T run(String name, String namespace, String method, CaptureMode mode,
                            boolean mayCaptureResponse, Body<T> body)
            throws Throwable {
        Span span = start(name);
        if (span == null) {
            return body.run(NoopSubsegment.INSTANCE);
        }
        span.metadataNamespace(namespace);
        Tracer tracer = span.tracer();
        if (method == null) {
            method = span.name();
        }
        try (CurrentSpan.Activation ignored = CurrentSpan.activate(span)) {
            T result = body.run(span);
            if (mayCaptureResponse && Capture.response(mode, tracer)) {
                span.putMetadata(namespace, method.concat(" response"), result);
            }
            return result;
        } catch (Throwable error) {
            recordError(span, error, namespace, method, Capture.error(mode, tracer));
            throw error;
        } finally {
            tracer.end(span);
        }
    }

    /** Marks {@code span} failed; with {@code capture}, keeps the exception and records it as metadata. */
    static void recordError(Span span, Throwable error, String namespace, String method, boolean capture) {
        span.fail(error, capture);
        if (capture) {
            span.putMetadata(namespace, method.concat(" error"), ErrorSummary.of(error));
        }
    }

    /**
     * Powertools' functional style: no handler wrapper, so no invocation scope. As the X-Ray SDK does in Lambda,
     * the subsegment is its own document with the trace header of the invocation the runtime client is running
     * (its system property, else {@code _X_AMZN_TRACE_ID}) as parent. Without a header (not in Lambda, or
     * several invocations at once, where only the Context has it) the work runs untraced, said once.
     */
    private static Span startWithoutScope(String name) {
        LensRuntime runtime = LensRuntime.global();
        Tracer tracer = Tracer.of(runtime);
        if (!tracer.enabled()) {
            return null;
        }
        TraceHeader header = runtime.currentTraceHeader();
        Span span = header == null ? null : tracer.startUnder(header, name);
        if (header == null || span == null && tracer.openTelemetry()) {
            runtime.diagnostics().reportOnce("tracing:no-invocation", "a subsegment (" + name + ") was started "
                    + "outside a Lambda invocation (no handler wrapper is active on this thread, the work was not "
                    + "handed over with InvocationScope.wrap or propagating, and "
                    + (header == null ? "no trace header is set" : "the OpenTelemetry backend needs a scope")
                    + "); it runs untraced");
        }
        return span;
    }

    private static Span start(String name) {
        Span parent = CurrentSpan.get();
        if (parent != null) {
            Tracer tracer = parent.tracer();
            return tracer.enabled() ? tracer.startChild(parent, name) : null;
        }
        InvocationScope scope = InvocationScope.current();
        if (scope == null) {
            return startWithoutScope(name);
        }
        Tracer tracer = Tracer.of(scope.runtime());
        if (!tracer.enabled()) {
            return null;
        }
        scope.runtime().addCarrier(SpanCarrier.INSTANCE);
        return tracer.startInScope(scope, name);
    }
}
