package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.xray.AWSXRay;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.tracing.CaptureMode;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A handler woven with {@code @Tracing}; the event's {@code action} picks what it does. */
public class AnnotatedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "worker");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    @Tracing
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = String.valueOf(event.get("action"));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("action", action);
        switch (action) {
            case "nest":
                response.put("loaded", load((String) event.get("id")));
                break;
            case "fail":
                throw new IllegalStateException("boom", new IOException("disk"));
            case "big":
                response.put("payload", "x".repeat(200_000));
                break;
            case "threads":
                response.put("workers", threads());
                break;
            case "invalid":
                invalid();
                break;
            case "aws":
                response.put("tables", LocalDynamoDb.listTableNames());
                break;
            case "aws-worker":
                response.put("tables", CompletableFuture.supplyAsync(() -> LambdaTracing.withSubsegment(
                        "## worker-aws", LocalDynamoDb::listTableNames), InvocationScope.propagating(POOL)).join());
                break;
            case "sdk":
                AWSXRay.beginSubsegment("user-sdk").putAnnotation("by", "user");
                AWSXRay.endSubsegment();
                break;
            case "sleep":
                sleep(((Number) event.get("millis")).longValue());
                response.put("workers", threads());
                break;
            default:
                break;
        }
        return response;
    }

    @Tracing
    String load(String id) {
        audit(id);
        LambdaTracing.putAnnotation("orderId", id);
        LambdaTracing.putMetadata("request", Map.of("id", id));
        return inner(id) + "!";
    }

    @Tracing
    static void audit(String id) {
        LambdaTracing.putAnnotation("audited", id);
    }

    @Tracing(segmentName = "## custom inner", namespace = "inner-ns", captureMode = CaptureMode.DISABLED)
    String inner(String id) {
        return LambdaTracing.withSubsegment("## plain", subsegment -> {
            subsegment.putAnnotation("count", 3);
            subsegment.putAnnotation("flag", true);
            return "loaded " + id;
        });
    }

    private static List<String> threads() {
        Executor traced = InvocationScope.propagating(POOL);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> LambdaTracing.withSubsegment("## worker-1", () -> Thread.currentThread().getName()), traced);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(
                () -> LambdaTracing.withSubsegment("## worker-2", () -> Thread.currentThread().getName()), traced);
        // Parallel streams: tasks wrapped on this thread (a sequential map), then run in parallel.
        InvocationScope scope = InvocationScope.current();
        List<String> parallel = List.of("3", "4").stream()
                .map(n -> scope.wrapSupplier(() -> LambdaTracing.withSubsegment("## parallel-" + n, () -> n)))
                .collect(Collectors.toList())
                .parallelStream()
                .map(Supplier::get)
                .collect(Collectors.toList());
        return List.of(first.join(), second.join(), String.join(",", parallel));
    }

    private static void invalid() {
        LambdaTracing.putAnnotation("bad key!", "x");
        LambdaTracing.putAnnotation("nan", Double.NaN);
        LambdaTracing.putMetadata("AWS.reserved", "k", "v");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        LambdaTracing.putMetadata("cyclic", cyclic);
        LambdaTracing.putMetadata("bean", new Bean("b", 2));
        LambdaTracing.withSubsegment("bad(name)", () -> 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bean-shaped metadata value, written with Jackson. */
    public static final class Bean {
        private final String name;
        private final int size;

        Bean(String name, int size) {
            this.name = name;
            this.size = size;
        }

        public String getName() {
            return name;
        }

        public int getSize() {
            return size;
        }
    }
}
