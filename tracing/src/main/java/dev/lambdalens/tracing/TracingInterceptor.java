package dev.lambdalens.tracing;

import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.tracing.internal.HandlerSubsegmentInterceptor;

/**
 * Tracing's part in an invocation: the handler subsegment ({@code ## handleRequest} by default) with the
 * {@code ColdStart} and {@code Service} annotations and, as captured, the response or error. Built by
 * {@link LambdaTracing#builder()} (or {@link LambdaTracing#interceptor()} for the defaults) and used by
 * {@code @Tracing} and {@code ObservedHandler} alike. Stateless and thread-safe: one instance serves concurrent
 * invocations, each of which uses the tracing settings of its own runtime.
 */
public final class TracingInterceptor implements InvocationInterceptor {
    private final HandlerSubsegmentInterceptor handlerSubsegment;

    TracingInterceptor(HandlerSubsegmentInterceptor handlerSubsegment) {
        this.handlerSubsegment = handlerSubsegment;
    }

    @Override
    public void beforeHandler(InvocationScope scope, Object event) {
        handlerSubsegment.beforeHandler(scope, event);
    }

    @Override
    public void afterSuccess(InvocationScope scope, Object event, Object response) {
        handlerSubsegment.afterSuccess(scope, event, response);
    }

    @Override
    public void afterFailure(InvocationScope scope, Object event, Throwable error) {
        handlerSubsegment.afterFailure(scope, event, error);
    }

    @Override
    public void afterHandler(InvocationScope scope) {
        handlerSubsegment.afterHandler(scope);
    }
}
