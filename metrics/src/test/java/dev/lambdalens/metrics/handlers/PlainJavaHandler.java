package dev.lambdalens.metrics.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Without AspectJ: the core's ObservedHandler with the metrics interceptor. Each invocation records its index
 * on the handler thread and on a worker thread, overlapping with other invocations when the runtime runs
 * several at once.
 */
public final class PlainJavaHandler implements RequestHandler<Map<String, Object>, String> {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "worker");
        thread.setDaemon(true);
        return thread;
    });

    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    private final RequestHandler<Map<String, Object>, String> observed = ObservedHandler.wrap(this::handle)
            .with(LambdaMetrics.interceptor())
            .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private String handle(Map<String, Object> event, Context context) {
        int index = ((Number) event.get("index")).intValue();
        metrics.addMetric("Index", index, MetricUnit.COUNT);
        Future<?> worker = WORKERS.submit(InvocationScope.current().wrap(
                () -> metrics.addMetric("Worker", index * 10, MetricUnit.COUNT)));
        try {
            worker.get();
            Thread.sleep(300);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        metrics.addMetric("Index", index, MetricUnit.COUNT);
        return "index " + index;
    }
}
