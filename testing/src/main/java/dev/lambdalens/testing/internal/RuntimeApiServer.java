package dev.lambdalens.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 speaking the Lambda Runtime API (version 2018-06-01) to one child process.
 * Each execution environment gets its own server, so a long-poll left behind by a killed child can never take
 * an invocation meant for its successor.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_PATH =
            Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");
    private static final String ACCEPTED = "{\"status\":\"OK\"}";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final RuntimeApiListener listener;
    private final String functionArn;

    RuntimeApiServer(RuntimeApiListener listener, String functionArn) throws IOException {
        this.listener = listener;
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Cached threads: every /next long-poll blocks a thread, one per concurrent runtime loop of the child.
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-runtime-api-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = readBody(exchange.getRequestBody());
            if ("GET".equals(method) && path.equals(PREFIX + "invocation/next")) {
                handOutNext(exchange);
            } else if ("GET".equals(method) && path.equals(PREFIX + "restore/next")) {
                // No snapshot exists locally: the restore completes at once.
                reply(exchange, 200, "{}");
            } else if ("POST".equals(method)
                    && (path.equals(PREFIX + "init/error") || path.equals(PREFIX + "restore/error"))) {
                listener.onInitError(errorType(exchange), body);
                reply(exchange, 202, ACCEPTED);
            } else if ("POST".equals(method)) {
                handlePost(exchange, path, body);
            } else {
                reply(exchange, 404, errorBody("InvalidRequest", "Unknown path " + method + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOutNext(HttpExchange exchange) throws IOException, InterruptedException {
        PendingInvocation invocation = listener.nextInvocation();
        if (invocation == null) {
            reply(exchange, 500, errorBody("Runtime.Shutdown", "The execution environment is shutting down"));
            return;
        }
        var headers = exchange.getResponseHeaders();
        // The real runtime client crashes the JVM (SIGSEGV) when this header is missing.
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceHeader());
        byte[] event = invocation.event();
        exchange.sendResponseHeaders(200, event.length == 0 ? -1 : event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event);
        }
    }

    private void handlePost(HttpExchange exchange, String path, byte[] body) throws IOException {
        Matcher matcher = INVOCATION_PATH.matcher(path);
        if (!matcher.matches()) {
            reply(exchange, 404, errorBody("InvalidRequest", "Unknown path POST " + path));
            return;
        }
        String requestId = matcher.group(1);
        boolean known = "response".equals(matcher.group(2))
                ? listener.onResponse(requestId, body)
                : listener.onError(requestId, errorType(exchange), body);
        if (known) {
            reply(exchange, 202, ACCEPTED);
        } else {
            reply(exchange, 400, errorBody("InvalidRequestID", "No running invocation " + requestId));
        }
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String errorBody(String type, String message) {
        return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\"", "'") + "\"}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
