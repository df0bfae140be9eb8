package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalXRayDaemonTest {
    private static final String HEADER = "{\"format\": \"json\", \"version\": 1}\n";
    private static final String TRACE = "1-5759e988-bd862e3fe1be46a994272793";

    @Test
    void collectsSegmentDocumentsSentOverUdp() throws IOException {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            assertTrue(daemon.address().matches("127\\.0\\.0\\.1:\\d+"), daemon.address());

            send(daemon, HEADER + "{\"name\":\"orders\",\"id\":\"70de5b6f19ff9a0a\",\"trace_id\":\"" + TRACE
                    + "\",\"start_time\":1.0,\"end_time\":2.0}");
            send(daemon, HEADER + "{\"name\":\"DynamoDB\",\"id\":\"70de5b6f19ff9a0b\",\"trace_id\":\"1-5759e988-"
                    + "000000000000000000000000\",\"start_time\":1.0,\"in_progress\":true}");
            List<JsonNode> documents = daemon.awaitDocuments(2, Duration.ofSeconds(5));

            assertEquals(2, documents.size());
            assertEquals("orders", daemon.documentsOfTrace(TRACE).get(0).path("name").asText());
            assertEquals(1, daemon.documentsOfTrace("Root=" + TRACE).size());
            assertEquals("70de5b6f19ff9a0b", daemon.findByName("DynamoDB").orElseThrow().path("id").asText());
            assertTrue(daemon.datagrams().stream().allMatch(XRayDatagram::hasValidHeader));
            assertTrue(daemon.datagrams().get(0).raw().startsWith(HEADER));
        }
    }

    @Test
    void flagsDatagramsWithoutTheDaemonHeader() throws IOException {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            send(daemon, "{\"name\":\"no-header\"}");
            send(daemon, "{\"format\": \"json\", \"version\": 2}\n{\"name\":\"wrong-version\"}");
            send(daemon, HEADER + "not json");
            awaitDatagrams(daemon, 3);

            List<XRayDatagram> datagrams = daemon.datagrams();
            assertEquals(3, datagrams.size());
            assertEquals(2, daemon.datagramsWithoutValidHeader().size());
            assertTrue(datagrams.get(2).hasValidHeader());
            assertFalse(datagrams.get(2).document().isPresent());
            assertEquals("not json", datagrams.get(2).raw().substring(HEADER.length()));

            daemon.clear();
            assertTrue(daemon.datagrams().isEmpty());
        }
    }

    @Test
    void failsAWaitThatTimesOutWithWhatArrived() throws IOException {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            send(daemon, HEADER + "{\"name\":\"only-one\"}");

            AssertionError error = assertThrows(AssertionError.class,
                    () -> daemon.awaitDocuments(2, Duration.ofMillis(300)));
            assertTrue(error.getMessage().contains("only-one"), error.getMessage());
        }
    }

    @Test
    void keepsEveryDatagramOfABurstFromConcurrentThreads() throws Exception {
        int threads = 8;
        int perThread = 40;
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    try (DatagramSocket socket = new DatagramSocket()) {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            byte[] bytes = (HEADER + "{\"name\":\"burst-" + thread + "-" + i + "\",\"pad\":\""
                                    + "p".repeat(6_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                                    daemon.port()));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sender : senders) {
                sender.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();

            List<JsonNode> documents = daemon.awaitDocuments(threads * perThread, Duration.ofSeconds(10));
            assertEquals(threads * perThread, documents.size());
            Set<String> names = new HashSet<>();
            documents.forEach(document -> names.add(document.path("name").asText()));
            assertEquals(threads * perThread, names.size(), "each datagram once");
        }
    }

    @Test
    void clearForgetsDatagramsNotYetReadToo() throws IOException {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            send(daemon, HEADER + "{\"name\":\"before\"}");
            daemon.awaitDocuments(1, Duration.ofSeconds(5));
            daemon.clear();
            send(daemon, HEADER + "{\"name\":\"after\"}");
            List<JsonNode> documents = daemon.awaitDocuments(1, Duration.ofSeconds(5));
            assertEquals(List.of("after"), documents.stream().map(d -> d.path("name").asText()).toList());
        }
    }

    private static void send(LocalXRayDaemon daemon, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), daemon.port()));
        }
    }

    private static void awaitDatagrams(LocalXRayDaemon daemon, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (daemon.datagrams().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
