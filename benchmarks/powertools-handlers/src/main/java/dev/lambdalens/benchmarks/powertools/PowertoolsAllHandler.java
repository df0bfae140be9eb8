package dev.lambdalens.benchmarks.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The benchmark handler with Powertools logging and metrics and X-Ray tracing: three log lines (one with a
 * key-value pair), two metrics with one dimension, a handler subsegment with one nested subsegment.
 */
public final class PowertoolsAllHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsAllHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    @Override
    @Logging
    @FlushMetrics
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return XRayTracing.handler(() -> {
            LOG.info("Received order request");
            Order order = XRayTracing.method("loadOrder", () -> Orders.load(request));
            LOG.info("Loaded order", entry("orderId", order.orderId()));
            METRICS.addDimension("Currency", order.currency());
            METRICS.addMetric("OrdersServed", 1, MetricUnit.COUNT);
            METRICS.addMetric("OrderItems", order.itemCount(), MetricUnit.COUNT);
            APIGatewayProxyResponseEvent response = Orders.respond(order);
            LOG.info("Order served");
            return response;
        });
    }
}
