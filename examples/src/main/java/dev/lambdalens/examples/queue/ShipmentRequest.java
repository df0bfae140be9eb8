package dev.lambdalens.examples.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One SQS message body: {@code {"orderId": "...", "item": "...", "quantity": N}}.
 *
 * @param orderId the order to ship
 * @param item what to ship
 * @param quantity how many
 */
public record ShipmentRequest(String orderId, String item, int quantity) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a message body.
     *
     * @throws IllegalArgumentException when it is not a shipment request; the message then fails
     */
    public static ShipmentRequest parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the message body is not a JSON object");
        }
        String orderId = json.path("orderId").asText("");
        String item = json.path("item").asText("");
        int quantity = json.path("quantity").asInt(0);
        if (orderId.isBlank() || item.isBlank() || quantity < 1) {
            throw new IllegalArgumentException("orderId, item and a quantity of at least 1 are required");
        }
        return new ShipmentRequest(orderId, item, quantity);
    }
}
