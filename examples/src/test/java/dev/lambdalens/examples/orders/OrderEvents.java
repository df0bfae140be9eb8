package dev.lambdalens.examples.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample API Gateway events of {@code examples/events}, and the GET event aimed at a given order. */
final class OrderEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    OrderEvents(Path directory) {
        this.directory = directory;
    }

    /** The events folder of the examples module, from the module's own directory (Surefire's working dir). */
    static OrderEvents inModule() {
        return new OrderEvents(Path.of("events"));
    }

    String createOrder() {
        return read("create-order.json");
    }

    String createOrderWithBadJson() {
        return read("create-order-bad-json.json");
    }

    /** The sample GET event, with its path and path parameter changed to the given order id. */
    String getOrder(String orderId) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read("get-order.json"));
            event.put("path", "/orders/" + orderId);
            ((ObjectNode) event.path("pathParameters")).put("id", orderId);
            ((ObjectNode) event.path("requestContext")).put("path", "/prod/orders/" + orderId);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The order id in the body of an API Gateway response to a POST. */
    static String orderIdOf(String apiGatewayResponse) {
        try {
            String body = JSON.readTree(apiGatewayResponse).path("body").asText();
            return JSON.readTree(body).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
