package dev.lambdalens.examples.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second store the stream consumer keeps in sync with the orders table: per customer, how many orders and
 * their total. In memory for the sample; a real consumer would write a table, a search index or a cache here.
 */
public final class CustomerTotals {
    /**
     * @param orders how many orders the customer has
     * @param totalCents their total value
     */
    public record Total(long orders, long totalCents) {
    }

    private final Map<String, Total> byCustomer = new ConcurrentHashMap<>();

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) one order of a customer. */
    public void apply(String customerId, long totalCents, int sign) {
        byCustomer.merge(customerId, new Total(sign, sign * totalCents),
                (old, change) -> new Total(old.orders() + change.orders(), old.totalCents() + change.totalCents()));
    }

    /** The customer's totals; zero when unknown. */
    public Total of(String customerId) {
        return byCustomer.getOrDefault(customerId, new Total(0, 0));
    }
}
