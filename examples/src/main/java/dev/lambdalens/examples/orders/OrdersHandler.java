package dev.lambdalens.examples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * The orders API behind an API Gateway REST API (proxy integration):
 * {@code POST /orders} with {@code {"item": "...", "quantity": N}} creates an order and answers 201 with it;
 * {@code GET /orders/{id}} answers 200 with the order or 404; a body that is not a valid order answers 400.
 */
public class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrderStore store;

    /** The constructor Lambda calls: one store per execution environment. */
    public OrdersHandler() {
        this(new OrderStore());
    }

    /** For tests that share or inspect the store. */
    public OrdersHandler(OrderStore store) {
        this.store = store;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String method = request.getHttpMethod();
        String resource = request.getResource();
        log(context, "orders: " + method + " " + request.getPath());
        if ("POST".equals(method) && "/orders".equals(resource)) {
            return create(request.getBody(), context);
        }
        if ("GET".equals(method) && "/orders/{id}".equals(resource)) {
            String id = request.getPathParameters() == null ? null : request.getPathParameters().get("id");
            return find(id);
        }
        return respond(404, Map.of("message", "No route for " + method + " " + request.getPath()));
    }

    private APIGatewayProxyResponseEvent create(String body, Context context) {
        Order order;
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                return respond(400, Map.of("message", "The body must be a JSON object"));
            }
            order = store.create(json.path("item").asText(null), json.path("quantity").asInt(0));
        } catch (JsonProcessingException e) {
            return respond(400, Map.of("message", "The body is not valid JSON"));
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("message", e.getMessage()));
        }
        log(context, "orders: created " + order.id());
        return respond(201, order).withHeaders(Map.of(
                "Content-Type", "application/json", "Location", "/orders/" + order.id()));
    }

    private APIGatewayProxyResponseEvent find(String id) {
        return id == null ? respond(400, Map.of("message", "The order id is missing"))
                : store.find(id).map(order -> respond(200, order))
                .orElseGet(() -> respond(404, Map.of("message", "No order " + id)));
    }

    /**
     * In Lambda each logger call is one log record (the runtime client frames it on a telemetry pipe); outside
     * Lambda the client writes the text to stdout as is, so the line break keeps records on their own lines.
     */
    private static void log(Context context, String message) {
        context.getLogger().log(message + "\n");
    }

    private static APIGatewayProxyResponseEvent respond(int status, Object body) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An order or message always serializes", e);
        }
    }
}
