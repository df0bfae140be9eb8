package dev.lambdalens.metrics;

import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.internal.EventSources;
import dev.lambdalens.metrics.internal.MetricsBuffer;
import dev.lambdalens.metrics.internal.MetricsRouter;

import java.time.Duration;
import java.util.Objects;

/**
 * Metrics' part in an invocation, built by {@link LambdaMetrics#builder()} (or {@link LambdaMetrics#interceptor()}
 * for the defaults) and used by {@code @FlushMetrics} and {@code ObservedHandler} alike. Before the handler:
 * writes the cold-start and event-source documents if asked, and schedules a flush
 * {@link LambdaMetrics.Builder#deadlineMargin(Duration)} before the deadline. After it returns or throws: writes
 * what the invocation recorded. Record metrics with {@link #metrics()} or {@link MetricsFactory#getMetricsInstance()}.
 * Thread-safe; build it once and reuse it for every invocation.
 */
public final class MetricsInterceptor implements InvocationInterceptor {
    private static volatile MetricsInterceptor global;

    private final MetricsRouter router;
    private final String namespace;
    private final String service;
    private final String functionName;
    private final boolean captureColdStart;
    private final boolean raiseOnEmptyMetrics;
    private final boolean eventSourceMetrics;
    private final Duration deadlineMargin;

    MetricsInterceptor(LambdaMetrics.Builder builder, MetricsRouter router) {
        this.router = router;
        this.namespace = builder.namespace();
        this.service = builder.service();
        this.functionName = builder.functionName();
        this.captureColdStart = builder.captureColdStart();
        this.raiseOnEmptyMetrics = builder.raiseOnEmptyMetrics();
        this.eventSourceMetrics = builder.eventSourceMetrics();
        this.deadlineMargin = builder.deadlineMargin();
    }

    /** The process-wide interceptor and instance behind {@link LambdaMetrics#interceptor()} and {@link MetricsFactory}. */
    static MetricsInterceptor global() {
        MetricsInterceptor current = global;
        if (current == null) {
            synchronized (MetricsInterceptor.class) {
                current = global;
                if (current == null) {
                    current = new MetricsInterceptor(LambdaMetrics.builder(), new MetricsRouter(null, MetricsOutput.standardOutput()));
                    global = current;
                }
            }
        }
        return current;
    }

    /** The metrics instance whose recordings this interceptor flushes. */
    public Metrics metrics() {
        return router.metrics();
    }

    @Override
    public void beforeHandler(InvocationScope scope, Object event) {
        MetricsBuffer buffer = router.bufferFor(scope);
        if (buffer.disabled()) {
            return;
        }
        buffer.configure(namespace, service, functionName, raiseOnEmptyMetrics);
        if (captureColdStart && scope.coldStart()) {
            buffer.standalone().writeColdStart(scope.context() == null ? null : scope.context().getFunctionName());
        }
        if (event != null && (eventSourceMetrics || router.eventSourceMetrics(scope.runtime()))) {
            EventSources.record(event, buffer, scope.startEpochMillis());
        }
        if (buffer.claimDeadlineFlush()) {
            // Lambda kills a function at its deadline without running any more code: write before that.
            scope.state().beforeDeadline(marginFor(scope), buffer::flush);
        }
    }

    /**
     * The configured margin, or a tenth of the time left when the margin is not shorter than that: a flush at
     * once would write nothing yet, and every value recorded later would be lost to a timeout.
     */
    private Duration marginFor(InvocationScope scope) {
        long remaining = scope.remainingMillis();
        if (remaining == Long.MAX_VALUE || deadlineMargin.toMillis() < remaining) {
            return deadlineMargin;
        }
        Duration shortened = Duration.ofMillis(Math.max(0, remaining / 10));
        scope.runtime().diagnostics().reportOnce("metrics:deadline-margin", "deadlineMargin "
                + deadlineMargin.toMillis() + " ms is not shorter than the " + remaining + " ms the invocation "
                + "had left when it started; its metrics are flushed " + shortened.toMillis()
                + " ms before the deadline instead, and at the end");
        return shortened;
    }

    @Override
    public void afterFailure(InvocationScope scope, Object event, Throwable error) {
        router.bufferFor(scope).flush();
    }

    @Override
    public void afterHandler(InvocationScope scope) {
        router.bufferFor(scope).finish();
        router.flushDetached();
    }

    @Override
    public String toString() {
        return "MetricsInterceptor[namespace=" + namespace + ", service=" + service + ", captureColdStart="
                + captureColdStart + ", eventSourceMetrics=" + eventSourceMetrics + "]";
    }
}
