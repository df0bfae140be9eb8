package dev.lambdalens.core.spi;

import dev.lambdalens.core.InvocationScope;

/**
 * One module's part in a handler invocation: logging sets up its keys and logs the event, tracing opens the
 * handler subsegment, metrics flushes. The {@code @Logging}, {@code @Tracing} and {@code @FlushMetrics}
 * aspects and the plain-Java {@link dev.lambdalens.core.ObservedHandler} call the same interceptors through
 * {@link Interception}, so nothing depends on weaving.
 *
 * <p>Implementations should not throw; if one does, the failure is reported once and the handler goes on.
 */
public interface InvocationInterceptor {

    /** Before the handler runs, with the scope current. */
    default void beforeHandler(InvocationScope scope, Object event) {
    }

    /** After the handler returned {@code response}. */
    default void afterSuccess(InvocationScope scope, Object event, Object response) {
    }

    /** After the handler threw {@code error}, which is then rethrown to Lambda. */
    default void afterFailure(InvocationScope scope, Object event, Throwable error) {
    }

    /** Last, after success or failure, still with the scope current. */
    default void afterHandler(InvocationScope scope) {
    }
}
