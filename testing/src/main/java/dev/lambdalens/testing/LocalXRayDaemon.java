package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A stand-in for the X-Ray daemon: a UDP listener on 127.0.0.1 that keeps every datagram the X-Ray SDK sends.
 *
 * <pre>{@code
 * try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
 *      LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
 *              .handler("com.example.Handler::handleRequest")
 *              .xrayDaemonAddress(daemon.address())
 *              .build()) {
 *     Invocation invocation = runtime.invoke("{}");
 *     List<JsonNode> documents = daemon.awaitDocuments(2, Duration.ofSeconds(5));
 *     JsonNode subsegment = daemon.findByName("DynamoDB").orElseThrow();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop listening.
 */
public final class LocalXRayDaemon implements AutoCloseable {
    /** Larger than any datagram the SDK sends (it splits at 64 KB). */
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final Thread receiver;
    private final List<XRayDatagram> datagrams = new ArrayList<>();

    private LocalXRayDaemon(DatagramSocket socket) {
        this.socket = socket;
        this.receiver = new Thread(this::receiveUntilClosed, "local-xray-daemon");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Starts listening on an ephemeral port of 127.0.0.1. */
    public static LocalXRayDaemon start() {
        try {
            return new LocalXRayDaemon(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the value for {@code AWS_XRAY_DAEMON_ADDRESS}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The UDP port listened on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Every datagram received so far, in arrival order, valid or not. */
    public synchronized List<XRayDatagram> datagrams() {
        return List.copyOf(datagrams);
    }

    /** The parsed documents of every datagram received so far whose body is a JSON object. */
    public List<JsonNode> documents() {
        return datagrams().stream().flatMap(datagram -> datagram.document().stream()).toList();
    }

    /** Datagrams whose first line is not the daemon header; the SDK should send none. */
    public List<XRayDatagram> datagramsWithoutValidHeader() {
        return datagrams().stream().filter(datagram -> !datagram.hasValidHeader()).toList();
    }

    /**
     * The documents of one trace.
     *
     * @param traceId {@code 1-<8 hex>-<24 hex>}, or a {@code Root=...} value, which is stripped
     */
    public List<JsonNode> documentsOfTrace(String traceId) {
        String id = Objects.requireNonNull(traceId, "traceId").startsWith("Root=") ? traceId.substring(5) : traceId;
        return documents().stream().filter(document -> id.equals(document.path("trace_id").asText())).toList();
    }

    /** The first document whose {@code name} is the one given. */
    public Optional<JsonNode> findByName(String name) {
        return documents().stream().filter(document -> name.equals(document.path("name").asText())).findFirst();
    }

    /**
     * Waits until at least {@code count} documents have arrived.
     *
     * @return the documents received, at least {@code count}
     * @throws AssertionError if fewer arrived within {@code timeout}; the message lists what did arrive
     */
    public List<JsonNode> awaitDocuments(int count, Duration timeout) {
        return awaitDocuments(count, timeout, document -> true);
    }

    /**
     * Waits until at least {@code count} documents matching {@code filter} have arrived.
     *
     * @return the matching documents, at least {@code count}
     * @throws AssertionError if fewer arrived within {@code timeout}; the message lists what did arrive
     */
    public List<JsonNode> awaitDocuments(int count, Duration timeout, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                List<JsonNode> matching = documents().stream().filter(filter).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("Expected " + count + " X-Ray documents within " + timeout.toMillis()
                            + " ms, got " + matching.size() + " matching; all datagrams received: " + datagrams);
                }
                try {
                    wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for X-Ray documents", e);
                }
            }
        }
    }

    /** Forgets every datagram received so far, e.g. between tests sharing one daemon. */
    public synchronized void clear() {
        datagrams.clear();
    }

    /** Stops listening. */
    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveUntilClosed() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            XRayDatagram datagram = XRayDatagram.parse(
                    new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
            synchronized (this) {
                datagrams.add(datagram);
                notifyAll();
            }
        }
    }
}
