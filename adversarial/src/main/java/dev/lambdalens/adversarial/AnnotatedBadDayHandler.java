package dev.lambdalens.adversarial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.tracing.Tracing;

import java.util.Map;

/** The bad days with the annotations, woven by ajc. */
public final class AnnotatedBadDayHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    @Override
    @Logging(logEvent = true)
    @Tracing
    @FlushMetrics(namespace = "Adversarial")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            return BadDay.handle(event, metrics);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
