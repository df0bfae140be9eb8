package dev.lambdalens.examples.plain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.examples.orders.ApiResponses;
import dev.lambdalens.examples.orders.NewOrder;
import dev.lambdalens.examples.orders.Order;
import dev.lambdalens.examples.orders.OrderStore;
import dev.lambdalens.examples.orders.PriceList;
import dev.lambdalens.logging.CorrelationIdPaths;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.MetricsInterceptor;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The orders API's {@code POST /orders} written without AspectJ, for teams that will not weave: the handler is
 * wrapped once with the three interceptors that {@code @Logging @Tracing @FlushMetrics} stand for, and the
 * downstream call runs in {@link LambdaTracing#withSubsegment}. Its logs, trace and metrics are the same as the
 * annotated {@link dev.lambdalens.examples.orders.OrdersHandler}'s; nothing here needs the AspectJ compiler.
 */
public class PlainOrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PlainOrdersHandler.class);

    private final MetricsInterceptor metricsInterceptor = LambdaMetrics.builder().captureColdStart(true).build();
    private final Metrics metrics = metricsInterceptor.metrics();
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> observed =
            ObservedHandler.wrap(this::handle)
                    .with(LambdaLogging.builder().logEvent(true)
                            .correlationIdPath(CorrelationIdPaths.API_GATEWAY_REST).build())
                    .with(LambdaTracing.interceptor())
                    .with(metricsInterceptor)
                    .build();

    private final OrderStore store = new OrderStore();
    private final PriceList prices = new PriceList();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return observed.handleRequest(request, context);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent request, Context context) {
        long startNanos = System.nanoTime();
        APIGatewayProxyResponseEvent response = "POST".equals(request.getHttpMethod())
                ? create(request.getBody())
                : ApiResponses.message(404, "No route for " + request.getHttpMethod() + " " + request.getPath());
        metrics.addMetric("OrderApiLatency", (System.nanoTime() - startNanos) / 1_000_000.0, MetricUnit.MILLISECONDS);
        LOG.atInfo().addKeyValue("status", response.getStatusCode()).log("{} {} answered",
                request.getHttpMethod(), request.getPath());
        return response;
    }

    private APIGatewayProxyResponseEvent create(String body) {
        NewOrder request;
        try {
            request = NewOrder.parse(body);
        } catch (IllegalArgumentException e) {
            LOG.warn("rejected an order: {}", e.getMessage());
            return ApiResponses.message(400, e.getMessage());
        }
        OptionalLong unitPrice = prices.unitPriceCents(request.item());
        if (unitPrice.isEmpty()) {
            LOG.warn("rejected an order for an unknown item {}", request.item());
            return ApiResponses.message(400, "We do not sell " + request.item());
        }
        long totalCents = unitPrice.getAsLong() * request.quantity();
        Order order = LambdaTracing.withSubsegment("## OrderStore.save", subsegment -> {
            Order created = store.create(request, totalCents);
            subsegment.putAnnotation("OrderId", created.id());
            return created;
        });
        metrics.addMetric("OrderValue", order.totalCents() / 100.0, MetricUnit.NONE);
        metrics.addMetadata("orderId", order.id());
        LOG.atInfo().addKeyValue("orderId", order.id()).addKeyValue("totalCents", order.totalCents())
                .log("order created for {} x {}", order.quantity(), order.item());
        return ApiResponses.json(201, order).withHeaders(Map.of(
                "Content-Type", "application/json", "Location", "/orders/" + order.id()));
    }
}
