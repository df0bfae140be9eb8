package dev.lambdalens.tracing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.XRayDatagram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java API in this JVM, with a runtime built for the test and a local daemon. */
class InProcessTracingTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";

    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        daemon.close();
    }

    private LensRuntime runtime(Clock clock) {
        return LensRuntime.builder()
                .configuration(Configuration.of(Map.of(
                        "AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                        "LAMBDA_LENS_TRACING_SDK_INTEROP", "false",
                        // Capture on, as Powertools records only with these set to true: these tests check it.
                        "POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true", "POWERTOOLS_TRACER_CAPTURE_ERROR", "true", 
                        "POWERTOOLS_SERVICE_NAME", "svc")))
                .clock(clock)
                .diagnostics(new Diagnostics(diagnostics::add))
                .systemProperties(key -> null)
                .build();
    }

    private <T> T invoke(LensRuntime runtime, String sampled, BiFunction<Object, Object, T> body) {
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap((event, context) -> body.apply(event, context))
                .with(LambdaTracing.interceptor())
                .runtime(runtime)
                .build();
        return handler.handleRequest("event", TestContext.builder()
                .xrayTraceId("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=" + sampled).build());
    }

    @Test
    void timesAreEpochSecondsWithMicroseconds() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_764_061_200L, 7_000), ZoneOffset.UTC);
        invoke(runtime(clock), "1", (event, context) -> "ok");
        String raw = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).toString();
        XRayDatagram datagram = daemon.datagrams().get(0);
        assertTrue(datagram.raw().contains("\"start_time\":1764061200.000007,\"end_time\":1764061200.000007"),
                datagram::raw);
        assertEquals(ROOT, daemon.documents().get(0).path("trace_id").asText(), raw);
    }

    @Test
    void aChildEndingAfterItsParentWasSentIsSentOnItsOwn() throws Exception {
        CountDownLatch handlerReturned = new CountDownLatch(1);
        CountDownLatch workerStarted = new CountDownLatch(1);
        AtomicReference<CompletableFuture<String>> worker = new AtomicReference<>();
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> {
            worker.set(CompletableFuture.supplyAsync(InvocationScope.current().wrapSupplier(
                    () -> LambdaTracing.withSubsegment("## late", () -> {
                        workerStarted.countDown();
                        await(handlerReturned);
                        return "late";
                    }))));
            await(workerStarted);
            return "ok";
        });
        handlerReturned.countDown();
        assertEquals("late", worker.get().get(5, TimeUnit.SECONDS));
        List<JsonNode> documents = daemon.awaitDocuments(2, Duration.ofSeconds(5));
        Documents.assertAllValid(daemon);
        JsonNode handler = documents.stream().filter(d -> d.path("name").asText().equals("## handleRequest"))
                .findFirst().orElseThrow();
        JsonNode stub = handler.path("subsegments").get(0);
        assertTrue(stub.path("in_progress").asBoolean(), handler::toString);
        JsonNode late = documents.stream().filter(d -> d.path("name").asText().equals("## late"))
                .findFirst().orElseThrow();
        assertEquals(stub.path("id").asText(), late.path("id").asText());
        assertEquals(handler.path("id").asText(), late.path("parent_id").asText());
        assertEquals(ROOT, late.path("trace_id").asText());
        assertTrue(late.has("end_time"));
    }

    @Test
    void aNullSubsegmentNameIsRepairedAndReportedAndTheWorkRuns() {
        String result = invoke(runtime(Clock.systemUTC()), "1", (event, context) -> {
            IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> LambdaTracing.withSubsegment(null, (TracedSubsegment s) -> {
                        throw new IllegalStateException("the work's own failure");
                    }));
            assertEquals("the work's own failure", thrown.getMessage());
            return LambdaTracing.withSubsegment(null, s -> "done");
        });
        assertEquals("done", result);
        JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
        assertEquals(List.of("unnamed", "unnamed"), Documents.childNames(handler), handler::toString);
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("is not valid for X-Ray")).count(),
                diagnostics::toString);
    }

    @Test
    void writesToAnEndedSubsegmentAreReportedOnceAndDropped() {
        AtomicReference<TracedSubsegment> kept = new AtomicReference<>();
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> LambdaTracing.withSubsegment("## step", s -> {
            kept.set(s);
            return 1;
        }));
        kept.get().putAnnotation("late", "x");
        kept.get().putMetadata("late", "x");
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("has already ended")).count(),
                diagnostics::toString);
    }

    @Test
    void childrenThatDoNotFitOneDatagramAreSentOnTheirOwn() {
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> {
            for (int i = 0; i < 70; i++) {
                LambdaTracing.withSubsegment("## child-" + i, s -> {
                    s.putMetadata("text", "y".repeat(900));
                    return null;
                });
            }
            return "ok";
        });
        List<JsonNode> documents = daemon.awaitDocuments(71, Duration.ofSeconds(5));
        Documents.assertAllValid(daemon);
        JsonNode handler = documents.stream().filter(d -> d.path("name").asText().equals("## handleRequest"))
                .findFirst().orElseThrow();
        assertFalse(handler.has("subsegments"));
        assertEquals(70, documents.stream()
                .filter(d -> d.path("parent_id").asText().equals(handler.path("id").asText())).count());
        assertEquals(900, documents.stream().filter(d -> d.path("name").asText().equals("## child-7"))
                .findFirst().orElseThrow().path("metadata").path("svc").path("text").asText().length());
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("exceeds the")).count());
    }

    record Line(String sku, int quantity, java.time.Instant at) {
    }

    /** A bean with a nested record, a list, a cycle back to itself and a getter that throws. */
    public static final class Order {
        public String getId() {
            return "o-9";
        }

        public boolean isPaid() {
            return true;
        }

        public List<Line> getLines() {
            return List.of(new Line("sku-1", 2, Instant.ofEpochSecond(0)));
        }

        public Order getSelf() {
            return this;
        }

        public String getBroken() {
            throw new IllegalStateException("no");
        }
    }

    @Test
    void beansAndRecordsAreWrittenThroughTheirGettersWithoutJackson() {
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> new Order());
        JsonNode response = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0)
                .path("metadata").path("svc").path("handleRequest response");
        assertEquals("o-9", response.path("id").asText());
        assertTrue(response.path("paid").asBoolean());
        assertEquals("sku-1", response.path("lines").get(0).path("sku").asText());
        assertEquals(2, response.path("lines").get(0).path("quantity").asInt());
        assertEquals("1970-01-01T00:00:00Z", response.path("lines").get(0).path("at").asText());
        assertEquals("[cycle]", response.path("self").asText());
        assertEquals("[IllegalStateException]", response.path("broken").asText());
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("Order.broken")).count(), diagnostics::toString);
    }

    @Test
    void aValueWhoseToStringThrowsIsWrittenAsAnErrorTextAndTheWorkGoesOn() {
        Object unprintable = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        String result = invoke(runtime(Clock.systemUTC()), "1", (event, context) -> LambdaTracing.withSubsegment(
                "## step", s -> {
                    s.putMetadata("bad", List.of(unprintable));
                    s.putMetadata("good", 1);
                    return "done";
                }));
        assertEquals("done", result);
        JsonNode step = Documents.child(daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0), "## step");
        assertEquals("[IllegalStateException]", step.path("metadata").path("svc").path("bad").get(0).asText());
        assertEquals(1, step.path("metadata").path("svc").path("good").asInt());
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("failed in toString()")).count(),
                diagnostics::toString);
    }

    @Test
    void annotationsBeyondFiftyAreLeftOutAndReportedOnce() {
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> {
            for (int i = 0; i < 60; i++) {
                LambdaTracing.putAnnotation("key" + i, i);
            }
            return "ok";
        });
        JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
        assertEquals(50, handler.path("annotations").size());
        assertTrue(handler.path("annotations").has("ColdStart"));
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("at most 50")).count());
    }

    @Test
    void metadataIsGroupedByNamespaceInFirstPutOrderAndAPutAgainKeepsItsPlace() {
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> LambdaTracing.withSubsegment("## step", s -> {
            s.putMetadata("orders", "first", 1);
            s.putMetadata("audit", "who", "me");
            s.putMetadata("orders", "second", 2);
            s.putMetadata("orders", "first", 3);
            return null;
        }));
        JsonNode step = Documents.child(daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0), "## step");
        Documents.assertAllValid(daemon);
        assertEquals("{\"orders\":{\"first\":3,\"second\":2},\"audit\":{\"who\":\"me\"}}",
                step.path("metadata").toString());
    }

    @Test
    void metadataBeyondItsLimitIsLeftOutAndReportedOnceWhileKnownKeysStillChange() {
        int limit = 256;
        invoke(runtime(Clock.systemUTC()), "1", (event, context) -> LambdaTracing.withSubsegment("## many", s -> {
            for (int i = 0; i < limit + 20; i++) {
                s.putMetadata("k" + i, i);
            }
            s.putMetadata("k0", "changed");
            return null;
        }));
        JsonNode many = Documents.child(daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0), "## many");
        JsonNode values = many.path("metadata").path("svc");
        assertEquals(limit, values.size());
        assertEquals("changed", values.path("k0").asText());
        assertEquals(limit - 1, values.path("k" + (limit - 1)).asInt());
        assertFalse(values.has("k" + limit));
        assertEquals(1, diagnostics.stream().filter(line -> line.contains("at most 256 metadata values")).count(),
                diagnostics::toString);
    }

    @Test
    void anUnsampledInvocationRunsEverythingWithANoOpSubsegment() throws Exception {
        String result = invoke(runtime(Clock.systemUTC()), "0", (event, context) -> {
            assertFalse(LambdaTracing.current().isRecording());
            return LambdaTracing.withSubsegment("## step", s -> {
                assertFalse(s.isRecording());
                assertNull(s.traceId());
                return "done";
            });
        });
        assertEquals("done", result);
        Thread.sleep(200);
        assertEquals(List.of(), daemon.datagrams());
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void withSubsegmentOutsideAnInvocationRunsTheWorkUntraced() {
        int result = LambdaTracing.withSubsegment("## outside", s -> {
            assertFalse(s.isRecording());
            return 42;
        });
        assertEquals(42, result);
    }

    @Test
    void errorsArePassedOnUnchanged() {
        IllegalStateException thrown = new IllegalStateException("no");
        IllegalStateException caught = null;
        try {
            invoke(runtime(Clock.systemUTC()), "1", (event, context) -> LambdaTracing.withSubsegment("## fails",
                    () -> {
                        throw thrown;
                    }));
        } catch (IllegalStateException e) {
            caught = e;
        }
        assertTrue(caught == thrown);
        JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
        assertTrue(handler.path("fault").asBoolean());
        assertTrue(Documents.child(handler, "## fails").path("fault").asBoolean());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
