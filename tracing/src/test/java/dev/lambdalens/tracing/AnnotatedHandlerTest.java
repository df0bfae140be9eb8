package dev.lambdalens.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationRequest;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lambdalens.tracing.Documents.child;
import static dev.lambdalens.tracing.Documents.childNames;
import static dev.lambdalens.tracing.Documents.handlerOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @Tracing} on a real handler run by the real runtime client, sending to a local daemon, with the X-Ray
 * SDK interop on (the X-Ray AWS SDK v2 instrumentation is on the test class path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnotatedHandlerTest {
    private static final String HANDLER = "## handleRequest";

    private LocalXRayDaemon daemon;
    private LocalLambdaRuntime runtime;
    private final Map<String, Invocation> invocations = new LinkedHashMap<>();
    private Invocation unsampled;

    @BeforeAll
    void invokeEverything() {
        daemon = LocalXRayDaemon.start();
        runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.tracing.handlers.AnnotatedHandler::handleRequest")
                .xrayDaemonAddress(daemon.address())
                .env("POWERTOOLS_SERVICE_NAME", "orders")
                .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true").env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true")
                .timeout(Duration.ofSeconds(20))
                .build();
        for (String action : List.of("nest", "fail", "big", "threads", "invalid", "aws", "aws-worker", "sdk")) {
            invocations.put(action, runtime.invoke("{\"action\":\"" + action + "\",\"id\":\"o-1\"}"));
        }
        unsampled = runtime.invoke(InvocationRequest.of("{\"action\":\"nest\",\"id\":\"o-2\"}").sampled(false));
        // Datagrams are sent before the response; give the loopback a moment to deliver the last ones.
        daemon.awaitDocuments(invocations.size(), Duration.ofSeconds(5), d -> HANDLER.equals(d.path("name").asText()));
    }

    @AfterAll
    void close() {
        runtime.close();
        daemon.close();
    }

    @Test
    void everyDatagramHasTheHeaderAndASchemaValidDocumentUnder64KB() {
        assertFalse(daemon.datagrams().isEmpty());
        Documents.assertAllValid(daemon);
    }

    @Test
    void handlerSubsegmentIsAChildOfTheSegmentLambdaCreated() {
        for (Invocation invocation : invocations.values()) {
            JsonNode handler = handlerOf(daemon, invocation, HANDLER);
            assertEquals("subsegment", handler.path("type").asText());
            assertEquals(invocation.traceRoot().orElseThrow(), handler.path("trace_id").asText());
            assertEquals(invocation.traceParent().orElseThrow(), handler.path("parent_id").asText());
            assertEquals("orders", handler.path("annotations").path("Service").asText());
        }
    }

    @Test
    void coldStartIsTrueOnlyForTheFirstInvocation() {
        List<Boolean> coldStarts = invocations.values().stream()
                .map(invocation -> handlerOf(daemon, invocation, HANDLER).path("annotations").path("ColdStart"))
                .map(JsonNode::asBoolean).toList();
        assertTrue(coldStarts.get(0));
        assertEquals(List.of(false), coldStarts.subList(1, coldStarts.size()).stream().distinct().toList());
    }

    @Test
    void annotatedMethodsNestWithAnnotationsMetadataAndCapturedResponses() {
        Invocation invocation = invocations.get("nest");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode handler = handlerOf(daemon, invocation, HANDLER);
        assertEquals(List.of("## load"), childNames(handler));
        JsonNode load = child(handler, "## load");
        assertEquals("o-1", load.path("annotations").path("orderId").asText());
        assertEquals("o-1", load.path("metadata").path("orders").path("request").path("id").asText());
        assertEquals("loaded o-1!", load.path("metadata").path("orders").path("load response").asText());
        JsonNode audit = child(load, "## audit");
        assertEquals("o-1", audit.path("annotations").path("audited").asText());
        assertFalse(audit.has("metadata"), "a void method records no response: " + audit);
        JsonNode inner = child(load, "## custom inner");
        assertFalse(inner.has("metadata"), "captureMode DISABLED records no response: " + inner);
        JsonNode plain = child(inner, "## plain");
        assertEquals(3, plain.path("annotations").path("count").asInt());
        assertTrue(plain.path("annotations").path("flag").asBoolean());
        assertTrue(load.path("start_time").asDouble() >= handler.path("start_time").asDouble());
        assertTrue(load.path("end_time").asDouble() <= handler.path("end_time").asDouble());
        JsonNode response = handler.path("metadata").path("orders").path("handleRequest response");
        assertEquals("loaded o-1!", response.path("loaded").asText());
    }

    @Test
    void anErrorMarksTheSubsegmentWithItsCauseAndMetadata() {
        Invocation invocation = invocations.get("fail");
        assertFalse(invocation.succeeded());
        JsonNode handler = handlerOf(daemon, invocation, HANDLER);
        assertTrue(handler.path("fault").asBoolean());
        JsonNode exceptions = handler.path("cause").path("exceptions");
        assertEquals("java.lang.IllegalStateException", exceptions.get(0).path("type").asText());
        assertEquals("boom", exceptions.get(0).path("message").asText());
        assertEquals(exceptions.get(1).path("id").asText(), exceptions.get(0).path("cause").asText());
        assertEquals("java.io.IOException", exceptions.get(1).path("type").asText());
        assertTrue(exceptions.get(0).path("stack").size() > 0);
        JsonNode error = handler.path("metadata").path("orders").path("handleRequest error");
        assertEquals("boom", error.path("message").asText());
    }

    @Test
    void anOversizedResponseIsCutToAPreviewSoTheDocumentFitsOneDatagram() {
        Invocation invocation = invocations.get("big");
        assertTrue(invocation.succeeded());
        JsonNode response = handlerOf(daemon, invocation, HANDLER).path("metadata").path("orders")
                .path("handleRequest response");
        assertTrue(response.path("truncated").asBoolean(), response::toString);
        assertTrue(response.path("length").asInt() > 200_000);
        assertTrue(response.path("preview").asText().startsWith("{\"action\":\"big\""));
        assertTrue(invocation.stderr().stream().anyMatch(line -> line.contains("exceeds the")),
                () -> "one diagnostic line: " + invocation.stderr());
    }

    @Test
    void subsegmentsOnOtherThreadsAreChildrenOfTheSubmittingSubsegment() {
        Invocation invocation = invocations.get("threads");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode handler = handlerOf(daemon, invocation, HANDLER);
        assertEquals(List.of("## parallel-3", "## parallel-4", "## worker-1", "## worker-2"),
                childNames(handler).stream().sorted().toList());
    }

    @Test
    void invalidKeysAndValuesAreReportedOnceAndTheRestIsKept() {
        Invocation invocation = invocations.get("invalid");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode handler = handlerOf(daemon, invocation, HANDLER);
        JsonNode annotations = handler.path("annotations");
        assertFalse(annotations.has("bad key!"));
        assertFalse(annotations.has("nan"));
        JsonNode metadata = handler.path("metadata");
        assertFalse(metadata.has("AWS.reserved"));
        assertEquals("[cycle]", metadata.path("orders").path("cyclic").path("self").asText());
        assertEquals("b", metadata.path("orders").path("bean").path("name").asText());
        assertEquals(2, metadata.path("orders").path("bean").path("size").asInt());
        assertTrue(Documents.find(handler, "## bad_name_").isPresent(), handler::toString);
        List<String> diagnostics = invocation.stderr().stream().filter(line -> line.contains("Lambda Lens")).toList();
        assertEquals(5, diagnostics.size(), () -> String.join("\n", diagnostics));
    }

    @Test
    void awsSdkCallsNestUnderTheCurrentSubsegment() {
        Invocation invocation = invocations.get("aws");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode handler = handlerOf(daemon, invocation, HANDLER);
        JsonNode call = child(handler, "DynamoDb");
        assertEquals("aws", call.path("namespace").asText());
        assertEquals("ListTables", call.path("aws").path("operation").asText());
        assertEquals(200, call.path("http").path("response").path("status").asInt());
        assertTrue(Documents.rootsOf(daemon, invocation).stream()
                .noneMatch(document -> "DynamoDb".equals(document.path("name").asText())),
                "the SDK call is not sent as a sibling of the handler subsegment");
    }

    @Test
    void awsSdkCallsOnAnotherThreadNestUnderTheSubsegmentCarriedThere() {
        Invocation invocation = invocations.get("aws-worker");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode worker = child(handlerOf(daemon, invocation, HANDLER), "## worker-aws");
        assertEquals(List.of("DynamoDb"), childNames(worker));
    }

    @Test
    void usersOwnXRaySdkSubsegmentsNestToo() {
        Invocation invocation = invocations.get("sdk");
        assertTrue(invocation.succeeded(), invocation::toString);
        JsonNode own = child(handlerOf(daemon, invocation, HANDLER), "user-sdk");
        assertEquals("user", own.path("annotations").path("by").asText());
    }

    @Test
    void anUnsampledInvocationSendsNothing() {
        assertTrue(unsampled.succeeded(), unsampled::toString);
        assertEquals(List.of(), daemon.documentsOfTrace(unsampled.traceRoot().orElseThrow()));
    }
}
