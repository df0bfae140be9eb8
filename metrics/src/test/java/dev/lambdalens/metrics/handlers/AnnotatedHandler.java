package dev.lambdalens.metrics.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.Map;

/** A handler as a migrating Powertools user writes it; the event's "mode" says what it does. */
public final class AnnotatedHandler implements RequestHandler<Map<String, Object>, String> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    @Override
    @FlushMetrics(namespace = "LensTest", service = "annotated", captureColdStart = true)
    public String handleRequest(Map<String, Object> event, Context context) {
        String mode = String.valueOf(event.get("mode"));
        switch (mode) {
            case "ok":
                metrics.addDimension("Channel", "web");
                metrics.addMetric("Processed", 1, MetricUnit.COUNT);
                return "ok";
            case "fail":
                metrics.addMetric("BeforeFailure", 1, MetricUnit.COUNT);
                throw new IllegalStateException("handler failed on purpose");
            case "split":
                for (int m = 0; m < 150; m++) {
                    for (int v = 0; v < 150; v++) {
                        metrics.addMetric("metric" + m, v, MetricUnit.COUNT);
                    }
                }
                return "split";
            case "sleep":
                metrics.addMetric("BeforeTimeout", 1, MetricUnit.COUNT);
                sleep(60_000);
                return "never";
            default:
                return "nothing recorded";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
