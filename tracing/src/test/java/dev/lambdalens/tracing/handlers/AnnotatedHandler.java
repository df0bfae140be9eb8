package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.sun.net.httpserver.HttpServer;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.tracing.CaptureMode;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
                response.put("tables", callDynamoDb());
                break;
            case "aws-worker":
                response.put("tables", CompletableFuture.supplyAsync(() -> LambdaTracing.withSubsegment(
                        "## worker-aws", AnnotatedHandler::callDynamoDb), InvocationScope.propagating(POOL)).join());
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

    private static List<String> callDynamoDb() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = "{\"TableNames\":[\"orders\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(new TracingInterceptor()).build())
                .build()) {
            return client.listTables().tableNames().stream().collect(Collectors.toList());
        } finally {
            server.stop(0);
        }
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
