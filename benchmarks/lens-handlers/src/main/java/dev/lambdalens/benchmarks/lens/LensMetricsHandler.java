package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;

/** The benchmark handler with Lambda Lens metrics only: two metrics with one dimension, one EMF document. */
public final class LensMetricsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    @Override
    @FlushMetrics
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        Order order = Orders.load(request);
        METRICS.addDimension("Currency", order.currency());
        METRICS.addMetric("OrdersServed", 1, MetricUnit.COUNT);
        METRICS.addMetric("OrderItems", order.itemCount(), MetricUnit.COUNT);
        return Orders.respond(order);
    }
}
