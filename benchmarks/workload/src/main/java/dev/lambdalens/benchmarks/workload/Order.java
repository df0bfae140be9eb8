package dev.lambdalens.benchmarks.workload;

/** An order as the benchmark handler returns it. */
public record Order(String orderId, String customerId, String currency, int itemCount, long totalCents) {
}
