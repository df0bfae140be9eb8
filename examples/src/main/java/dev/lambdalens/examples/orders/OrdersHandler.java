package dev.lambdalens.examples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.logging.CorrelationIdPaths;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The orders API behind an API Gateway REST API (proxy integration), observed with the three annotations:
 * {@code POST /orders} with {@code {"item": "...", "quantity": N, "card": {"number": "..."}}} creates an order
 * and answers 201 with it; {@code GET /orders/{id}} answers 200 with the order or 404; a body that is not a
 * valid order answers 400.
 *
 * <p>What it shows: the event logged with its {@code Authorization} header and the card number inside the JSON
 * body masked (Lambda Lens's defaults, nothing configured), the API Gateway request id as correlation id, the
 * order value as a business metric and the handler's latency, and the store call as its own subsegment.
 */
public class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OrdersHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final OrderStore store;
    private final PriceList prices = new PriceList();

    /** The constructor Lambda calls: one store per execution environment. */
    public OrdersHandler() {
        this(new OrderStore());
    }

    /** For tests that share or inspect the store. */
    public OrdersHandler(OrderStore store) {
        this.store = store;
    }

    @Override
    @Logging(logEvent = true, correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST)
    @Tracing
    @FlushMetrics(captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        long startNanos = System.nanoTime();
        APIGatewayProxyResponseEvent response = route(request);
        METRICS.addMetric("OrderApiLatency", (System.nanoTime() - startNanos) / 1_000_000.0, MetricUnit.MILLISECONDS);
        LOG.atInfo().addKeyValue("status", response.getStatusCode()).log("{} {} answered",
                request.getHttpMethod(), request.getPath());
        return response;
    }

    private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent request) {
        String method = request.getHttpMethod();
        String resource = request.getResource();
        if ("POST".equals(method) && "/orders".equals(resource)) {
            return create(request.getBody());
        }
        if ("GET".equals(method) && "/orders/{id}".equals(resource)) {
            Map<String, String> path = request.getPathParameters();
            String id = path == null ? null : path.get("id");
            if (id == null) {
                return ApiResponses.message(400, "The order id is missing");
            }
            return find(id).map(order -> ApiResponses.json(200, order))
                    .orElseGet(() -> ApiResponses.message(404, "No order " + id));
        }
        return ApiResponses.message(404, "No route for " + method + " " + request.getPath());
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
        Order order = save(request, unitPrice.getAsLong() * request.quantity());
        METRICS.addMetric("OrderValue", order.totalCents() / 100.0, MetricUnit.NONE);
        METRICS.addMetadata("orderId", order.id());
        LOG.atInfo().addKeyValue("orderId", order.id()).addKeyValue("totalCents", order.totalCents())
                .log("order created for {} x {}", order.quantity(), order.item());
        return ApiResponses.json(201, order).withHeaders(Map.of(
                "Content-Type", "application/json", "Location", "/orders/" + order.id()));
    }

    /** The downstream call: its own subsegment, annotated so that X-Ray can find traces by order id. */
    @Tracing(segmentName = "## OrderStore.save")
    private Order save(NewOrder request, long totalCents) {
        Order order = store.create(request, totalCents);
        LambdaTracing.putAnnotation("OrderId", order.id());
        return order;
    }

    @Tracing(segmentName = "## OrderStore.find")
    private Optional<Order> find(String id) {
        LambdaTracing.putAnnotation("OrderId", id);
        return store.find(id);
    }
}
