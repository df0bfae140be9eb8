package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.ScopeKey;
import dev.lambdalens.tracing.CaptureMode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * Opens the handler subsegment before the handler runs and sends it when the handler returns or throws, with
 * the annotations {@code ColdStart} (the core's decision) and {@code Service}, and the response or error as
 * metadata when capture is on. Stateless: per-invocation state lives in the invocation scope, so one instance
 * serves concurrent invocations.
 */
public final class HandlerSubsegmentInterceptor implements InvocationInterceptor {
    /** How long before the deadline an unfinished handler subsegment is sent in progress. */
    static final Duration DEADLINE_MARGIN = Duration.ofMillis(200);
    private static final ScopeKey<ArrayDeque<Open>> OPEN = ScopeKey.named("tracing:handler-subsegments");

    private final String segmentName;
    private final String namespace;
    private final String method;
    private final String responseKey;
    private final CaptureMode captureMode;
    private final boolean returnsValue;

    /**
     * @param namespace    metadata namespace of the response and error, or {@code null} for the service name
     * @param method       the method name the response and error are recorded under
     * @param returnsValue false for a {@code void} handler (a stream handler), whose response is not recorded
     */
    public HandlerSubsegmentInterceptor(String segmentName, String namespace, String method, CaptureMode captureMode,
                                        boolean returnsValue) {
        this.segmentName = segmentName;
        this.namespace = namespace;
        this.method = method;
        this.responseKey = method.concat(" response");
        this.captureMode = captureMode;
        this.returnsValue = returnsValue;
    }

    @Override
    public void beforeHandler(InvocationScope scope, Object event) {
        Tracer tracer = Tracer.of(scope.runtime());
        if (!tracer.enabled()) {
            return;
        }
        scope.runtime().addCarrier(SpanCarrier.INSTANCE);
        Span span = tracer.startInScope(scope, segmentName);
        if (span == null) {
            return;
        }
        span.metadataNamespace(namespace);
        span.putAnnotation("ColdStart", scope.coldStart());
        // Powertools annotates the namespace of @Tracing(namespace), else the service name.
        span.putAnnotation("Service", namespace != null ? namespace : tracer.serviceName());
        CurrentSpan.Activation activation = CurrentSpan.activate(span);
        scope.state().attachment(OPEN, NewStack.INSTANCE).push(new Open(span, activation));
        if (span.parent() == null) {
            scope.state().beforeDeadline(DEADLINE_MARGIN, new SendInProgress(span));
        }
        tracer.attachSpanIds(scope, span);
    }

    @Override
    public void afterSuccess(InvocationScope scope, Object event, Object response) {
        Open open = top(scope);
        if (open != null && returnsValue && Capture.response(captureMode, open.span.tracer())) {
            open.span.putMetadata(namespace, responseKey, response);
        }
    }

    @Override
    public void afterFailure(InvocationScope scope, Object event, Throwable error) {
        Open open = top(scope);
        if (open != null) {
            TracedCall.recordError(open.span, error, namespace, method,
                    Capture.error(captureMode, open.span.tracer()));
        }
    }

    @Override
    public void afterHandler(InvocationScope scope) {
        ArrayDeque<Open> stack = scope.state().attachment(OPEN);
        Open open = stack == null ? null : stack.poll();
        if (open != null) {
            open.activation.close();
            open.span.tracer().end(open.span);
        }
    }

    private static Open top(InvocationScope scope) {
        ArrayDeque<Open> stack = scope.state().attachment(OPEN);
        return stack == null ? null : stack.peek();
    }

    // Named classes rather than lambdas: nothing to spin up at cold start.

    /** Makes the per-invocation stack of open handler subsegments. */
    private static final class NewStack implements Function<InvocationScope, ArrayDeque<Open>> {
        static final NewStack INSTANCE = new NewStack();

        @Override
        public ArrayDeque<Open> apply(InvocationScope scope) {
            return new ArrayDeque<>(2);
        }
    }

    /** Sends an unfinished handler subsegment shortly before the deadline. */
    private static final class SendInProgress implements Runnable {
        private final Span span;

        SendInProgress(Span span) {
            this.span = span;
        }

        @Override
        public void run() {
            span.tracer().sendInProgress(span);
        }
    }

    /** A handler subsegment and what restores the thread's previous span. */
    private static final class Open {
        final Span span;
        final CurrentSpan.Activation activation;

        Open(Span span, CurrentSpan.Activation activation) {
            this.span = span;
            this.activation = activation;
        }
    }
}
