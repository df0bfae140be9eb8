package dev.lambdalens.examples.snapstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.MetricsInterceptor;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.tracing.LambdaTracing;
import net.logstash.logback.argument.StructuredArguments;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda Lens's own SnapStart resource, driven as the CRaC runtime drives it (the context's
 * {@code beforeCheckpoint}, then {@code afterRestore}), in a runtime of logging, tracing and metrics together:
 * priming writes nothing, reports nothing, and the first invocation after the restore writes exactly what the
 * first invocation of an unprimed environment writes.
 */
class LibraryPrimingTest {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryPrimingTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_HEADER = "Root=1-6b06a841-bf2b2228a345556719b8fc57;Parent=53995c3f42cd8ad8;Sampled=1";
    /** What differs between two runs of the same invocation: times and the ids drawn at random. */
    private static final List<String> VARYING = List.of("timestamp", "Timestamp", "id", "parent_id", "start_time",
            "end_time");

    /** A CRaC context that holds what is registered and runs it as the CRaC runtime runs its global context. */
    static final class CheckpointContext extends Context<Resource> {
        final List<Resource> resources = new ArrayList<>();

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws org.crac.CheckpointException {
            for (Resource resource : resources) {
                try {
                    resource.beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new AssertionError("beforeCheckpoint threw", e);
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws org.crac.RestoreException {
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    throw new AssertionError("afterRestore threw", e);
                }
            }
        }
    }

    /** One execution environment: its runtime, what it wrote, what it reported, and its handler. */
    static final class Environment {
        final List<String> documents = new ArrayList<>();
        final List<String> reports = new ArrayList<>();
        final CheckpointContext checkpoint = new CheckpointContext();
        final LensRuntime runtime;
        final RequestHandler<Map<String, Object>, String> handler;

        Environment() {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "quotes");
            env.put("POWERTOOLS_SERVICE_NAME", "quotes");
            env.put("POWERTOOLS_METRICS_NAMESPACE", "Shop");
            DocumentSink sink = (kind, utf8, offset, length) -> {
                synchronized (documents) {
                    documents.add(kind + " " + new String(utf8, offset, length, StandardCharsets.UTF_8));
                }
            };
            runtime = LensRuntime.builder().configuration(Configuration.of(env)).documentSink(sink)
                    .diagnostics(new Diagnostics(reports::add)).systemProperties(key -> null)
                    .checkpointContext(checkpoint).build();
            MetricsInterceptor metrics = LambdaMetrics.builder().runtime(runtime).captureColdStart(true).build();
            handler = ObservedHandler.<Map<String, Object>, String>wrap((event, context) -> {
                LOG.info("quote for {}", event.get("item"), StructuredArguments.kv("password", "hunter2"),
                        StructuredArguments.kv("quantity", 3));
                metrics.metrics().addMetric("Quotes", 1, MetricUnit.COUNT);
                return LambdaTracing.withSubsegment("## price", subsegment -> {
                    subsegment.putAnnotation("item", String.valueOf(event.get("item")));
                    return "{\"totalCents\":2670}";
                });
            }).with(LambdaLogging.builder().runtime(runtime).logEvent(true).correlationIdPath("item").build())
                    .with(LambdaTracing.builder().runtime(runtime).build())
                    .with(metrics)
                    .runtime(runtime).build();
        }

        List<String> invokeOnce() {
            handler.handleRequest(Map.of("item", "tea", "password", "secret"), TestContext.builder()
                    .awsRequestId("9b3002c3-7dba-4407-a83e-793c91c193ac").functionName("quotes")
                    .timeout(Duration.ofSeconds(10)).xrayTraceId(TRACE_HEADER).build());
            synchronized (documents) {
                List<String> written = List.copyOf(documents);
                documents.clear();
                return written;
            }
        }
    }

    @Test
    void primedThenRestoredTheFirstInvocationWritesWhatAnUnprimedFirstInvocationWrites() throws Exception {
        Environment unprimed = new Environment();
        List<String> expected = unprimed.invokeOnce();

        Environment primed = new Environment();
        assertEquals(1, primed.checkpoint.resources.size(), "one resource for every module");
        primed.checkpoint.beforeCheckpoint(null);
        assertEquals(List.of(), primed.documents, "priming writes and sends nothing");
        assertEquals(List.of(), primed.reports, "priming reports nothing");
        primed.checkpoint.afterRestore(null);
        List<String> actual = primed.invokeOnce();

        assertEquals(List.of(), primed.reports);
        assertEquals(List.of(), unprimed.reports);
        assertEquals(3, kinds(expected).stream().distinct().count(), () -> "logs, EMF and X-Ray: " + expected);
        assertEquals(kinds(expected), kinds(actual));
        assertEquals(normalized(expected), normalized(actual));
        assertTrue(expected.stream().anyMatch(document -> document.contains("\"correlation_id\":\"tea\"")),
                expected::toString);
        assertTrue(expected.stream().noneMatch(document -> document.contains("hunter2")), "masked");
        assertTrue(expected.stream().noneMatch(document -> document.contains("Primed")), "no priming metric");
    }

    @Test
    void theIdsOfTheFirstInvocationAfterTheRestoreAreNewOnes() throws Exception {
        Environment primed = new Environment();
        List<String> beforeCheckpoint = ids(primed.invokeOnce());
        primed.checkpoint.beforeCheckpoint(null);
        primed.checkpoint.afterRestore(null);
        List<String> afterRestore = ids(primed.invokeOnce());

        assertEquals(2, beforeCheckpoint.size(), beforeCheckpoint::toString);
        assertEquals(2, afterRestore.size(), afterRestore::toString);
        for (String id : afterRestore) {
            assertTrue(id.matches("[0-9a-f]{16}"), id);
            assertTrue(!beforeCheckpoint.contains(id), () -> id + " repeats an id of before the checkpoint");
        }
        assertNotEquals(afterRestore.get(0), afterRestore.get(1));
    }

    private static List<String> kinds(List<String> documents) {
        return documents.stream().map(document -> document.substring(0, document.indexOf(' '))).toList();
    }

    private static List<String> ids(List<String> documents) {
        return documents.stream().filter(document -> document.startsWith(DocumentSink.Kind.XRAY_SEGMENT.name()))
                .flatMap(document -> parse(document).findValuesAsText("id").stream()).toList();
    }

    /** Each document parsed, with the members that differ between any two runs removed at every depth. */
    private static List<JsonNode> normalized(List<String> documents) {
        return documents.stream().map(LibraryPrimingTest::parse).map(node -> {
            strip(node);
            return node;
        }).toList();
    }

    private static JsonNode parse(String document) {
        try {
            return JSON.readTree(document.substring(document.indexOf(' ') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + document, e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode) {
            ((ObjectNode) node).remove(VARYING);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            strip(children.next());
        }
    }
}
