package dev.lambdalens.examples.orders;

import java.util.Objects;

/**
 * An order of some quantity of one item.
 *
 * @param id the id the store gave it
 * @param item what is ordered
 * @param quantity how many, at least 1
 */
public record Order(String id, String item, int quantity) {

    /** Checks the fields; the handler turns a failure into a 400. */
    public Order {
        Objects.requireNonNull(id, "id");
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("item is required");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
