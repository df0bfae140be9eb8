package dev.lambdalens.benchmarks.aws;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * DynamoDB on loopback, in the function's own JVM: answers every {@code GetItem} with one order, in DynamoDB's
 * JSON 1.0. The same in every DynamoDB variant, so its cost is in the {@code aws-none} baseline and cancels out
 * of the overheads; what differs between variants is only how the call is traced.
 */
public final class LocalDynamoDbEndpoint {
    private static final byte[] ITEM = ("{\"Item\":{\"orderId\":{\"S\":\"ord-7f3a9c21\"},\"items\":{\"N\":\"3\"},"
            + "\"total\":{\"N\":\"4521\"}}}").getBytes(StandardCharsets.UTF_8);
    private static final URI URI_ = start();

    private LocalDynamoDbEndpoint() {
    }

    /** The endpoint's address, {@code http://127.0.0.1:<port>}. */
    public static URI uri() {
        return URI_;
    }

    private static URI start() {
        // Without TCP_NODELAY each call waits for a delayed ACK (about 40 ms): small writes on both sides.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().add("x-amzn-RequestId", "benchmark-request");
                exchange.sendResponseHeaders(200, ITEM.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ITEM);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "local-dynamodb");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
