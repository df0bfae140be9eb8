package dev.lambdalens.examples;

import dev.lambdalens.core.InitializationType;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one example locally, as its template deploys it (handler, function name, environment), in its own JVM
 * through the real Lambda runtime client with a local X-Ray daemon, and prints for each invocation its log
 * lines, its metrics and its trace. The orders API creates an order, reads it back and sends a broken body;
 * the other examples are invoked with each of their sample events in turn. From the repository root:
 * <pre>
 * ./mvnw -q -Pdemo -pl examples -am verify -DskipTests                              # the orders API
 * ./mvnw -q -Pdemo -pl examples -am verify -DskipTests -Ddemo.example=queue-worker  # any other example
 * </pre>
 */
public final class RunExampleLocally {

    private RunExampleLocally() {
    }

    /** @param args the examples module's folder, then the example's folder name (default orders-api) */
    public static void main(String[] args) {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        String name = args.length > 1 ? args[1] : Example.ORDERS_API.folder().toString();
        Example example = Arrays.stream(Example.all()).filter(e -> e.folder().toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No example " + name + "; the examples are "
                        + Arrays.toString(Example.all())))
                .under(module);
        TelemetryReport report = new TelemetryReport(System.out);
        LocalLambdaRuntime.Builder builder = example.configure(LocalLambdaRuntime.builder());
        if (example.function().has("SnapStart")) {
            // What a function restored from a SnapStart snapshot is told; its first invocation is no cold start.
            builder.initializationType(InitializationType.SNAP_START);
        }
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = builder.xrayDaemonAddress(daemon.address()).build()) {
            long startNanos = System.nanoTime();
            runtime.start();
            System.out.println("Example " + name + ": " + example.handler() + ", configured from "
                    + example.folder().resolve("template.yaml"));
            System.out.println("Function JVM started in " + (System.nanoTime() - startNanos) / 1_000_000
                    + " ms (real Lambda runtime client, local Runtime API); X-Ray daemon on " + daemon.address());
            if (example.equals(Example.ORDERS_API.under(module))) {
                runOrdersApi(example, runtime, daemon, report);
            } else {
                for (String file : eventNames(example)) {
                    String sample = example.event(file);
                    String event = RecentRecords.of(sample);
                    report.print("events/" + file + (event.equals(sample) ? "" : "  (record times moved to just now)"),
                            Telemetry.of(runtime.invoke(event), daemon));
                }
            }
        }
    }

    private static void runOrdersApi(Example example, LocalLambdaRuntime runtime, LocalXRayDaemon daemon,
                                     TelemetryReport report) {
        Telemetry created = Telemetry.of(runtime.invoke(example.event("create-order.json")), daemon);
        report.print("POST /orders  (events/create-order.json)", created);

        String orderId = ApiGateway.body(created.invocation()).path("id").asText();
        report.print("GET /orders/" + orderId + "  (events/get-order.json)",
                Telemetry.of(runtime.invoke(ApiGateway.getOrderEvent(example, orderId)), daemon));

        report.print("POST /orders with a broken body  (events/create-order-bad-json.json)",
                Telemetry.of(runtime.invoke(example.event("create-order-bad-json.json")), daemon));
    }

    private static List<String> eventNames(Example example) {
        try (Stream<Path> files = Files.list(example.folder().resolve("events"))) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
