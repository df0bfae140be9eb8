package dev.lambdalens.examples.orders;

import java.util.Objects;

/**
 * A stored order. It keeps only the last four digits of the card it was paid with, so that logging or
 * returning an order never exposes a card number.
 *
 * @param id the id the store gave it
 * @param item what is ordered
 * @param quantity how many, at least 1
 * @param totalCents the price of the order, in cents
 * @param cardLast4 the last four digits of the card
 */
public record Order(String id, String item, int quantity, long totalCents, String cardLast4) {

    /** Checks the fields; the handler turns a failure into a 400. */
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cardLast4, "cardLast4");
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("item is required");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
