package dev.lambdalens.examples.orders;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps orders in memory. In Lambda it lives as long as the execution environment, which is enough for a
 * sample; a real function would use DynamoDB here.
 */
public final class OrderStore {
    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    /** Stores a new order under a fresh id. */
    public Order create(String item, int quantity) {
        Order order = new Order(UUID.randomUUID().toString(), item, quantity);
        orders.put(order.id(), order);
        return order;
    }

    /** The order with that id, if stored. */
    public Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }
}
