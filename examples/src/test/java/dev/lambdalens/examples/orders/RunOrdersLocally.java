package dev.lambdalens.examples.orders;

import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;

import java.nio.file.Path;

/**
 * Runs the orders function locally, in its own JVM, through the real Lambda runtime client: creates an order
 * from the sample POST event, reads it back with the sample GET event, sends a body that is not JSON, and
 * prints each invocation. Run it from the repository root with
 * {@code ./mvnw -q -Pdemo -pl examples -am verify -DskipTests}.
 */
public final class RunOrdersLocally {

    private RunOrdersLocally() {
    }

    /** @param args the events folder; default {@code events} (the module's own) */
    public static void main(String[] args) {
        OrderEvents events = new OrderEvents(Path.of(args.length > 0 ? args[0] : "events"));
        InvocationReport report = new InvocationReport(System.out);
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(OrdersHandler.class.getName() + "::handleRequest")
                .functionName("lambda-lens-orders")
                .build()) {
            long startNanos = System.nanoTime();
            runtime.start();
            System.out.println("Function JVM ready (cold start) in " + (System.nanoTime() - startNanos) / 1_000_000
                    + " ms; function ARN " + runtime.functionArn());

            Invocation created = runtime.invoke(events.createOrder());
            report.print("POST /orders  (events/create-order.json)", created);

            String orderId = OrderEvents.orderIdOf(created.response().orElseThrow());
            report.print("GET /orders/" + orderId + "  (events/get-order.json)", runtime.invoke(events.getOrder(orderId)));

            report.print("POST /orders with a broken body  (events/create-order-bad-json.json)",
                    runtime.invoke(events.createOrderWithBadJson()));
        }
    }
}
