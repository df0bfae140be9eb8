package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The same work as {@link LensAnnotatedHandler} with the plain-Java API: {@code ObservedHandler.wrap(...)} with
 * the logging, tracing and metrics interceptors, and {@code LambdaTracing.withSubsegment} for the nested one.
 */
public final class LensPlainJavaHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LensPlainJavaHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> observed =
            ObservedHandler.wrap(this::handle)
                    .with(LambdaLogging.interceptor())
                    .with(LambdaTracing.interceptor())
                    .with(LambdaMetrics.interceptor())
                    .build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return observed.handleRequest(request, context);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent request, Context context) {
        LOG.info("Received order request");
        Order order = LambdaTracing.withSubsegment("## loadOrder", () -> Orders.load(request));
        LOG.info("Loaded order", kv("orderId", order.orderId()));
        METRICS.addDimension("Currency", order.currency());
        METRICS.addMetric("OrdersServed", 1, MetricUnit.COUNT);
        METRICS.addMetric("OrderItems", order.itemCount(), MetricUnit.COUNT);
        APIGatewayProxyResponseEvent response = Orders.respond(order);
        LOG.info("Order served");
        return response;
    }
}
