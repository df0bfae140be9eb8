package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdalens.testing.Invocation;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading API Gateway proxy responses of local runs, and the sample GET event aimed at one order. */
public final class ApiGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGateway() {
    }

    /** The response the function returned, as JSON; fails the test when it returned none. */
    public static JsonNode response(Invocation invocation) {
        return read(invocation.response().orElseThrow(() -> new AssertionError("no response: " + invocation)));
    }

    /** The response's {@code body}, parsed. */
    public static JsonNode body(Invocation invocation) {
        return read(response(invocation).path("body").asText());
    }

    /** The example's {@code events/get-order.json}, with its path aimed at {@code orderId}. */
    public static String getOrderEvent(Example example, String orderId) {
        ObjectNode event = (ObjectNode) read(example.event("get-order.json"));
        event.put("path", "/orders/" + orderId);
        ((ObjectNode) event.path("pathParameters")).put("id", orderId);
        ((ObjectNode) event.path("requestContext")).put("path", "/prod/orders/" + orderId);
        return event.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
