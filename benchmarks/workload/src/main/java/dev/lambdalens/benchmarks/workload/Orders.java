package dev.lambdalens.benchmarks.workload;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.Map;

/**
 * The business part of the benchmark handler, the same in every variant: read the request, "load" the order
 * (a small deterministic computation standing in for a database call), and answer with JSON. Every variant
 * calls these three steps in the same order and adds only its observability around them.
 *
 * <p>The response is written by hand rather than with Jackson on purpose: the baseline must not load Jackson,
 * or the first use of an {@code ObjectMapper} by an observability library (about 130 ms at cold start) would
 * be hidden in the baseline instead of charged to the library.
 */
public final class Orders {
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private Orders() {
    }

    /** The order id of the request: its {@code orderId} path parameter. */
    public static String orderId(APIGatewayProxyRequestEvent request) {
        Map<String, String> path = request.getPathParameters();
        return path == null ? "unknown" : path.getOrDefault("orderId", "unknown");
    }

    /** Loads the order the request asks for. */
    public static Order load(APIGatewayProxyRequestEvent request) {
        String orderId = orderId(request);
        Map<String, String> headers = request.getHeaders();
        Map<String, String> query = request.getQueryStringParameters();
        String customerId = headers == null ? "anonymous" : headers.getOrDefault("X-Customer-Id", "anonymous");
        String currency = query == null ? "EUR" : query.getOrDefault("currency", "EUR");
        // Stand-in for the database: items and prices derived from the id, so every call does the same work.
        int seed = orderId.hashCode() & 0x7fffffff;
        int itemCount = 1 + seed % 5;
        long total = 0;
        for (int i = 0; i < itemCount; i++) {
            total += 199 + (seed >>> i) % 4_800;
        }
        return new Order(orderId, customerId, currency, itemCount, total);
    }

    /** The API Gateway response for {@code order}: status 200 and a small JSON body. */
    public static APIGatewayProxyResponseEvent respond(Order order) {
        StringBuilder body = new StringBuilder(128)
                .append("{\"orderId\":\"").append(order.orderId())
                .append("\",\"customerId\":\"").append(order.customerId())
                .append("\",\"currency\":\"").append(order.currency())
                .append("\",\"items\":").append(order.itemCount())
                .append(",\"total\":").append(order.totalCents() / 100).append('.');
        long cents = order.totalCents() % 100;
        body.append(cents < 10 ? "0" : "").append(cents).append('}');
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(JSON_HEADERS)
                .withBody(body.toString());
    }
}
