package dev.lambdalens.tracing.handlers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB, SQS and S3 on loopback, answering in their wire formats as the AWS SDK v2 2.59 speaks them:
 * DynamoDB and SQS in AWS JSON 1.0 (operation in {@code X-Amz-Target}), S3 in REST XML (bucket and key in the
 * path). Records every request; replies queued with {@link #reply} are used first, in order.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
    private static final Pattern MESSAGE_BODY = Pattern.compile("\"MessageBody\"\\s*:\\s*\"([^\"]*)\"");

    /** A request as the server received it. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A reply: status, headers and body. */
    public record Reply(int status, Map<String, String> headers, String body) {
        /** A DynamoDB / SQS error in AWS JSON: {@code __type} and message, with a request id. */
        public static Reply jsonError(int status, String type, String message) {
            return new Reply(status, Map.of("Content-Type", "application/x-amz-json-1.0",
                    "x-amzn-RequestId", "err-" + status),
                    "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();

    private LocalAwsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LocalAwsEndpoint start() {
        return new LocalAwsEndpoint();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues replies for the next requests, before the default answers. */
    public LocalAwsEndpoint reply(Reply... replies) {
        synchronized (scripted) {
            scripted.addAll(List.of(replies));
        }
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                new LinkedHashMap<>(exchange.getRequestHeaders()), body);
        requests.add(request);
        Reply reply;
        synchronized (scripted) {
            reply = scripted.poll();
        }
        if (reply == null) {
            reply = answer(request);
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if ("HEAD".equals(request.method())) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply answer(Request request) {
        String target = request.header("X-Amz-Target");
        String id = "req-" + ids.incrementAndGet();
        if (target != null && target.startsWith("DynamoDB_20120810.")) {
            String body = switch (target.substring(target.indexOf('.') + 1)) {
                case "GetItem" -> "{\"Item\":{\"id\":{\"S\":\"o-1\"}}}";
                case "BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{}}";
                case "ListTables" -> "{\"TableNames\":[\"orders\"]}";
                default -> "{}";
            };
            return new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", id),
                    body);
        }
        if ("AmazonSQS.SendMessage".equals(target)) {
            Matcher messageBody = MESSAGE_BODY.matcher(request.body());
            String md5 = md5(messageBody.find() ? messageBody.group(1) : "");
            return new Reply(200, Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", id),
                    "{\"MessageId\":\"m-" + id + "\",\"MD5OfMessageBody\":\"" + md5 + "\"}");
        }
        if (target == null && "GET".equals(request.method())) {
            return new Reply(200, Map.of("Content-Type", "text/plain", "x-amz-request-id", id,
                    "x-amz-id-2", "id2-" + id, "ETag", "\"etag\""), "object-body");
        }
        return new Reply(400, Map.of("Content-Type", "application/x-amz-json-1.0"),
                "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
