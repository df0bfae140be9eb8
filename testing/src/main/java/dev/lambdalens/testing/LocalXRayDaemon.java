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
import java.util.Arrays;
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
 * <p>Thread-safe. A burst of hundreds of datagrams from many threads arrives whole: the socket asks for a
 * large receive buffer, and its thread only copies datagrams off the socket; they are parsed when read.
 * Close it to stop listening.
 */
public final class LocalXRayDaemon implements AutoCloseable {
    /** Larger than any datagram the SDK sends (it splits at 64 KB). */
    private static final int MAX_DATAGRAM = 65_535;
    /**
     * The socket's receive buffer asked for: room for a burst of hundreds of subsegments (the kernel's default,
     * about 200 KB on Linux, drops most of a burst of 300 that a real daemon would take). The kernel may grant
     * less (Linux: {@code net.core.rmem_max}).
     */
    static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

    private final DatagramSocket socket;
    private final Thread receiver;
    /** Guarded by this. Raw datagrams the receiver took off the socket and nobody has parsed yet. */
    private List<byte[]> unread = new ArrayList<>();
    /** Guarded by parsing. Parsed datagrams, in arrival order. */
    private final List<XRayDatagram> datagrams = new ArrayList<>();
    /** Held while parsing, never by the receiver: a slow reader cannot make the socket overflow. */
    private final Object parsing = new Object();

    private LocalXRayDaemon(DatagramSocket socket) {
        this.socket = socket;
        this.receiver = new Thread(this::receiveUntilClosed, "local-xray-daemon");
        receiver.setDaemon(true);
        receiver.setPriority(Thread.MAX_PRIORITY);
        receiver.start();
    }

    /** Starts listening on an ephemeral port of 127.0.0.1. */
    public static LocalXRayDaemon start() {
        DatagramSocket socket = null;
        try {
            socket = new DatagramSocket(null);
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new LocalXRayDaemon(socket);
        } catch (SocketException e) {
            if (socket != null) {
                socket.close();
            }
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
    public List<XRayDatagram> datagrams() {
        synchronized (parsing) {
            for (byte[] raw : takeUnread()) {
                datagrams.add(XRayDatagram.parse(new String(raw, StandardCharsets.UTF_8)));
            }
            return List.copyOf(datagrams);
        }
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
        while (true) {
            List<JsonNode> matching = documents().stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("Expected " + count + " X-Ray documents within " + timeout.toMillis()
                        + " ms, got " + matching.size() + " matching; all datagrams received: " + datagrams());
            }
            synchronized (this) {
                if (unread.isEmpty()) {
                    try {
                        wait(remainingMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("Interrupted while waiting for X-Ray documents", e);
                    }
                }
            }
        }
    }

    /** Forgets every datagram received so far, e.g. between tests sharing one daemon. */
    public void clear() {
        synchronized (parsing) {
            takeUnread();
            datagrams.clear();
        }
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

    /** The datagrams received and not yet parsed; the receiver starts a new list. */
    private synchronized List<byte[]> takeUnread() {
        if (unread.isEmpty()) {
            return List.of();
        }
        List<byte[]> taken = unread;
        unread = new ArrayList<>();
        return taken;
    }

    /** Only copies each datagram off the socket, so the socket's buffer drains as fast as datagrams come. */
    private void receiveUntilClosed() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            byte[] raw = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                    packet.getOffset() + packet.getLength());
            synchronized (this) {
                unread.add(raw);
                notifyAll();
            }
        }
    }
}
