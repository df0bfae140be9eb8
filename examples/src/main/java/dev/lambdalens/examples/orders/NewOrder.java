package dev.lambdalens.examples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST /orders}: {@code {"item": "...", "quantity": N, "card": {"number": "..."}}}.
 *
 * @param item what is ordered
 * @param quantity how many
 * @param cardNumber the card's digits, spaces removed; never logged (see the template's masking settings)
 */
public record NewOrder(String item, int quantity, String cardNumber) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads and checks a request body.
     *
     * @throws IllegalArgumentException with a message for the client when the body is not a valid order
     */
    public static NewOrder parse(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object");
        }
        String item = json.path("item").asText("");
        if (item.isBlank()) {
            throw new IllegalArgumentException("item is required");
        }
        int quantity = json.path("quantity").asInt(0);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        String card = json.path("card").path("number").asText("").replace(" ", "").replace("-", "");
        if (!card.matches("[0-9]{12,19}")) {
            throw new IllegalArgumentException("card.number must be 12 to 19 digits");
        }
        return new NewOrder(item, quantity, card);
    }

    /** The last four digits of the card, the only part that is kept. */
    public String cardLast4() {
        return cardNumber.substring(cardNumber.length() - 4);
    }

    /** Never prints the card number, whatever logs or prints this record. */
    @Override
    public String toString() {
        return "NewOrder[item=" + item + ", quantity=" + quantity + ", card=****" + cardLast4() + "]";
    }
}
