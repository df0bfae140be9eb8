package dev.lambdalens.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.lambdalens.tracing.Documents.child;
import static dev.lambdalens.tracing.Documents.childNames;
import static dev.lambdalens.tracing.Documents.handlerOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracing through the real runtime client in the modes a function can run in. */
class TracingModesTest {
    private static final String ANNOTATED = "dev.lambdalens.tracing.handlers.AnnotatedHandler::handleRequest";
    private static final Pattern SDK_OR_JACKSON_LOADED =
            Pattern.compile("\\] (com\\.amazonaws\\.xray|com\\.fasterxml\\.jackson\\.databind)\\.");

    @Test
    void plainJavaWithoutSdkInteropTracesWithoutLoadingTheXRaySdkOrJackson() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler("dev.lambdalens.tracing.handlers.PlainHandler::handleRequest")
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true").env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true")
                     .jvmArg("-Xlog:class+load=info:stdout")
                     .build()) {
            Invocation ok = runtime.invoke("{\"n\":1}");
            Invocation failed = runtime.invoke("{\"fail\":true}");
            assertEquals("\"total=42\"", ok.response().orElseThrow());
            assertFalse(failed.succeeded());
            daemon.awaitDocuments(2, Duration.ofSeconds(5));
            sleep(200);
            assertEquals(2, daemon.documents().size(), "priming at init sent nothing");
            Documents.assertAllValid(daemon);

            JsonNode handler = handlerOf(daemon, ok, "## handleRequest");
            assertTrue(handler.path("annotations").path("ColdStart").asBoolean());
            assertEquals(42, handler.path("annotations").path("total").asInt());
            assertEquals("service_undefined", handler.path("annotations").path("Service").asText());
            JsonNode compute = child(handler, "## compute").path("metadata").path("service_undefined");
            assertEquals(1, compute.path("input").path("n").asInt());
            assertEquals(ok.requestId(), compute.path("call").path("requestId").asText());
            assertEquals("total=42", handler.path("metadata").path("service_undefined")
                    .path("handleRequest response").asText());
            JsonNode failure = handlerOf(daemon, failed, "## handleRequest");
            assertTrue(failure.path("fault").asBoolean());
            assertFalse(failure.path("annotations").path("ColdStart").asBoolean());

            assertTrue(runtime.stdoutLines().stream().anyMatch(line -> line.contains("] dev.lambdalens.tracing.internal.Span ")),
                    "the class loading log is there");
            List<String> loaded = runtime.stdoutLines().stream()
                    .filter(line -> SDK_OR_JACKSON_LOADED.matcher(line).find()).toList();
            assertEquals(List.of(), loaded, "no X-Ray SDK or Jackson class is loaded");
        }
    }

    @Test
    void concurrentInvocationsInOneProcessKeepTheirOwnTracesAndCaptureFollowsTheEnvironment() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(ANNOTATED)
                     .xrayDaemonAddress(daemon.address())
                     .maxConcurrency(4)
                     .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "false")
                     .env("POWERTOOLS_TRACER_CAPTURE_ERROR", "false")
                     .build()) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add("{\"action\":\"sleep\",\"millis\":" + (150 + 40 * (i % 3)) + "}");
            }
            events.add("{\"action\":\"fail\"}");
            events.add("{\"action\":\"aws-worker\"}");
            events.add("{\"action\":\"aws-worker\"}");
            List<Invocation> invocations = runtime.invokeAll(events);
            List<Invocation> awsCalls = List.of(invocations.remove(10), invocations.remove(9));
            Invocation failed = invocations.remove(8);
            daemon.awaitDocuments(11, Duration.ofSeconds(5), d -> "## handleRequest".equals(d.path("name").asText()));
            for (Invocation invocation : awsCalls) {
                assertTrue(invocation.succeeded(), invocation::toString);
                JsonNode worker = child(handlerOf(daemon, invocation, "## handleRequest"), "## worker-aws");
                assertEquals(List.of("DynamoDb"), childNames(worker), () -> "each call under its own invocation: "
                        + daemon.datagrams().stream().filter(d -> d.raw().contains("DynamoDb")).toList());
            }
            Documents.assertAllValid(daemon);
            Set<String> handlerIds = new HashSet<>();
            for (Invocation invocation : invocations) {
                assertTrue(invocation.succeeded(), invocation::toString);
                JsonNode handler = handlerOf(daemon, invocation, "## handleRequest");
                assertEquals(invocation.traceRoot().orElseThrow(), handler.path("trace_id").asText());
                assertEquals(invocation.traceParent().orElseThrow(), handler.path("parent_id").asText());
                assertEquals(List.of("## parallel-3", "## parallel-4", "## worker-1", "## worker-2"),
                        childNames(handler).stream().sorted().toList());
                assertFalse(handler.has("metadata"), "POWERTOOLS_TRACER_CAPTURE_RESPONSE=false: " + handler);
                handlerIds.add(handler.path("id").asText());
            }
            assertEquals(8, handlerIds.size());
            assertEquals(11, daemon.documents().size(), "one document per invocation, nothing mixed");
            JsonNode failure = handlerOf(daemon, failed, "## handleRequest");
            assertTrue(failure.path("fault").asBoolean());
            assertFalse(failure.has("cause") || failure.has("metadata"), "POWERTOOLS_TRACER_CAPTURE_ERROR=false: " + failure);
        }
    }

    @Test
    void awsSdkCallsNestUnderTheInvocationEvenWithAStaleTraceHeaderInTheEnvironment() {
        String stale = "1-5759e988-bd862e3fe1be46a994272793";
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(ANNOTATED)
                     .xrayDaemonAddress(daemon.address())
                     .env("_X_AMZN_TRACE_ID", "Root=" + stale + ";Parent=53995c3f42cd8ad8;Sampled=1")
                     .build()) {
            Invocation onHandlerThread = runtime.invoke("{\"action\":\"aws\"}");
            Invocation onWorker = runtime.invoke("{\"action\":\"aws-worker\"}");
            daemon.awaitDocuments(2, Duration.ofSeconds(5), d -> "## handleRequest".equals(d.path("name").asText()));
            Documents.assertAllValid(daemon);
            assertEquals(List.of("DynamoDb"), childNames(handlerOf(daemon, onHandlerThread, "## handleRequest")));
            assertEquals(List.of("DynamoDb"),
                    childNames(child(handlerOf(daemon, onWorker, "## handleRequest"), "## worker-aws")));
            assertEquals(List.of(), daemon.documentsOfTrace(stale));
        }
    }

    @Test
    void aStreamHandlerGetsItsHandlerSubsegmentWithoutAResponse() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler("dev.lambdalens.tracing.handlers.StreamHandler::handleRequest")
                     .xrayDaemonAddress(daemon.address())
                     .build()) {
            Invocation invocation = runtime.invoke("{\"echo\":1}");
            assertEquals("{\"echo\":1}", invocation.response().orElseThrow());
            daemon.awaitDocuments(1, Duration.ofSeconds(5));
            Documents.assertAllValid(daemon);
            JsonNode handler = handlerOf(daemon, invocation, "## handleRequest");
            assertTrue(handler.path("annotations").path("ColdStart").asBoolean());
            assertFalse(handler.has("metadata"), handler::toString);
        }
    }

    @Test
    void traceDisabledSendsNothing() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(ANNOTATED)
                     .xrayDaemonAddress(daemon.address())
                     .env("POWERTOOLS_TRACE_DISABLED", "true")
                     .build()) {
            Invocation invocation = runtime.invoke("{\"action\":\"nest\",\"id\":\"x\"}");
            assertTrue(invocation.succeeded(), invocation::toString);
            sleep(300);
            assertEquals(List.of(), daemon.datagrams());
        }
    }

    @Test
    void anUnreachableDaemonDoesNotFailTheFunction() throws Exception {
        int closedPort;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = socket.getLocalPort();
        }
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(ANNOTATED)
                .xrayDaemonAddress("127.0.0.1:" + closedPort)
                .build()) {
            for (int i = 0; i < 3; i++) {
                Invocation invocation = runtime.invoke("{\"action\":\"nest\",\"id\":\"x\"}");
                assertTrue(invocation.succeeded(), invocation::toString);
            }
        }
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(ANNOTATED)
                .xrayDaemonAddress("no-such-host.invalid:2000")
                .build()) {
            Invocation first = runtime.invoke("{\"action\":\"nest\",\"id\":\"x\"}");
            Invocation second = runtime.invoke("{\"action\":\"nest\",\"id\":\"y\"}");
            assertTrue(first.succeeded(), first::toString);
            assertTrue(second.succeeded(), second::toString);
            assertEquals(1, first.stderr().stream().filter(line -> line.contains("no traces are sent")).count(),
                    () -> String.join("\n", first.stderr()));
            assertTrue(second.stderr().stream().noneMatch(line -> line.contains("Lambda Lens")));
        }
    }

    @Test
    void aHandlerStoppedAtItsDeadlineIsSentInProgressBeforehand() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler("dev.lambdalens.tracing.handlers.SlowHandler::handleRequest")
                     .xrayDaemonAddress(daemon.address())
                     .timeout(Duration.ofSeconds(1))
                     .build()) {
            Invocation invocation = runtime.invoke("{\"millis\":5000}");
            assertEquals(InvocationStatus.TIMEOUT, invocation.status());
            List<JsonNode> documents = daemon.awaitDocuments(1, Duration.ofSeconds(3));
            Documents.assertAllValid(daemon);
            JsonNode handler = documents.get(0);
            assertEquals("## handleRequest", handler.path("name").asText());
            assertEquals(invocation.traceParent().orElseThrow(), handler.path("parent_id").asText());
            assertTrue(handler.path("in_progress").asBoolean());
            assertTrue(child(handler, "## step").has("end_time"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
