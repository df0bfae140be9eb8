package dev.lambdalens.examples.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Booked shipments, in memory for the sample (a real worker would call a carrier's API or a table here). Booking
 * is idempotent per order, because SQS delivers a message at least once.
 */
public final class Shipments {
    private final Map<String, ShipmentRequest> byOrder = new ConcurrentHashMap<>();

    /** Books the shipment of an order; true when it was new, false when the order was already booked. */
    public boolean book(ShipmentRequest request) {
        return byOrder.putIfAbsent(request.orderId(), request) == null;
    }

    /** How many orders are booked. */
    public int size() {
        return byOrder.size();
    }
}
