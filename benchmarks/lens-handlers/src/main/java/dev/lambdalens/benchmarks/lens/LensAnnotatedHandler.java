package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The benchmark handler with {@code @Logging @Tracing @FlushMetrics}: three log lines (one with a key-value
 * pair), two metrics with one dimension, a handler subsegment with one nested subsegment. Not final:
 * {@link LensPrimedHandler} is this handler with SnapStart-style priming in its constructor.
 */
public class LensAnnotatedHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LensAnnotatedHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    @Override
    @Logging
    @Tracing
    @FlushMetrics
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        LOG.info("Received order request");
        Order order = loadOrder(request);
        LOG.info("Loaded order", kv("orderId", order.orderId()));
        METRICS.addDimension("Currency", order.currency());
        METRICS.addMetric("OrdersServed", 1, MetricUnit.COUNT);
        METRICS.addMetric("OrderItems", order.itemCount(), MetricUnit.COUNT);
        APIGatewayProxyResponseEvent response = Orders.respond(order);
        LOG.info("Order served");
        return response;
    }

    @Tracing
    Order loadOrder(APIGatewayProxyRequestEvent request) {
        return Orders.load(request);
    }
}
