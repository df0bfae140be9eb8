package dev.lambdalens.adversarial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.tracing.LambdaTracing;

import java.util.Map;

/** The bad days in plain Java. */
public final class PlainBadDayHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    private final RequestHandler<Map<String, Object>, Map<String, Object>> observed = ObservedHandler.wrap(this::handle)
            .with(LambdaLogging.builder().logEvent(true).build())
            .with(LambdaTracing.interceptor())
            .with(LambdaMetrics.builder().metrics(metrics).namespace("Adversarial").build())
            .build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private Map<String, Object> handle(Map<String, Object> event, Context context) {
        try {
            return BadDay.handle(event, metrics);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
