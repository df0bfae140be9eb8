package dev.lambdalens.examples.orders;

import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.examples.TelemetryReport;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;

import java.nio.file.Path;

/**
 * Runs the orders API example locally, as its template deploys it, in its own JVM through the real Lambda
 * runtime client with a local X-Ray daemon: creates an order from the sample POST event, reads it back with the
 * sample GET event, sends a body that is not JSON, and prints for each invocation its log lines, its metrics and
 * its trace. Run it from the repository root with {@code ./mvnw -q -Pdemo -pl examples -am verify -DskipTests}.
 */
public final class RunOrdersLocally {

    private RunOrdersLocally() {
    }

    /** @param args the examples module's folder; default the working directory */
    public static void main(String[] args) {
        Example example = Example.ORDERS_API.under(Path.of(args.length > 0 ? args[0] : "."));
        TelemetryReport report = new TelemetryReport(System.out);
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = example.configure(LocalLambdaRuntime.builder())
                     .xrayDaemonAddress(daemon.address()).build()) {
            long startNanos = System.nanoTime();
            runtime.start();
            System.out.println("Orders API example (" + example.handler() + "), configured from "
                    + example.folder().resolve("template.yaml") + ".");
            System.out.println("Function JVM started (cold start) in " + (System.nanoTime() - startNanos) / 1_000_000
                    + " ms; X-Ray daemon on " + daemon.address() + ".");

            Telemetry created = Telemetry.of(runtime.invoke(example.event("create-order.json")), daemon);
            report.print("POST /orders  (events/create-order.json)", created);

            String orderId = OrdersApiLocalRunTest.body(created.invocation()).path("id").asText();
            report.print("GET /orders/" + orderId + "  (events/get-order.json)",
                    Telemetry.of(runtime.invoke(OrdersApiLocalRunTest.getOrderEvent(example, orderId)), daemon));

            report.print("POST /orders with a broken body  (events/create-order-bad-json.json)",
                    Telemetry.of(runtime.invoke(example.event("create-order-bad-json.json")), daemon));
        }
    }
}
