package dev.lambdalens.examples.orders;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps orders in memory. In Lambda it lives as long as the execution environment, which is enough for a
 * sample; a real function would call DynamoDB here, and that call is what the handlers trace as the
 * downstream call.
 */
public final class OrderStore {
    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    /** Stores a new order under a fresh id. */
    public Order create(NewOrder request, long totalCents) {
        Order order = new Order(UUID.randomUUID().toString(), request.item(), request.quantity(), totalCents,
                request.cardLast4());
        orders.put(order.id(), order);
        return order;
    }

    /** The order with that id, if stored. */
    public Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }
}
