package dev.lambdalens.examples.kit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsInterceptor;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.CapturedMetrics;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import dev.lambdalens.testing.TestLensExtension;
import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-JVM test kit with the three real modules: a handler observed in plain Java, invoked in the test's
 * own JVM, and what it wrote read back from the kit's captures (no stdout parsing, no daemon).
 */
@ExtendWith(TestLensExtension.class)
class TestLensTest {
    private static final Logger log = LoggerFactory.getLogger(TestLensTest.class);

    private static RequestHandler<Map<String, Object>, String> observed(TestLens lens, MetricsInterceptor metrics,
                                                                        RequestHandler<Map<String, Object>, String> handler) {
        return ObservedHandler.wrap(handler)
                .with(LambdaLogging.builder().runtime(lens.runtime()).build())
                .with(LambdaTracing.builder().runtime(lens.runtime()).build())
                .with(metrics)
                .runtime(lens.runtime())
                .build();
    }

    @Test
    void capturesTheLogLinesMetricsAndSubsegmentsOfAnInvocationJoinedOnItsIds(TestLens lens) {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(lens.runtime()).namespace("Shop").build();
        Metrics metrics = interceptor.metrics();
        RequestHandler<Map<String, Object>, String> handler = observed(lens, interceptor, (event, context) -> {
            log.info("order created");
            metrics.addMetric("OrderValue", 29, MetricUnit.NONE);
            return LambdaTracing.withSubsegment("## save", () -> "saved " + event.get("item"));
        });
        TestContext context = lens.context().build();

        assertEquals("saved tea", handler.handleRequest(Map.of("item", "tea"), context));

        JsonNode line = lens.logs().line("order created");
        String root = context.getXrayTraceId().split(";")[0].substring("Root=".length());
        assertEquals(root, line.path("xray_trace_id").asText());
        assertEquals(context.getAwsRequestId(), line.path("function_request_id").asText());
        assertEquals(29, lens.metrics().value("OrderValue"));
        assertEquals("Shop", lens.metrics().namespace("OrderValue"));
        assertEquals(List.of(List.of("Service")), lens.metrics().dimensionSets("OrderValue"));
        assertEquals(root, lens.metrics().documentsWith("OrderValue").get(0).path("xray_trace_id").asText());
        JsonNode handlerSegment = lens.traces().subsegment("## handleRequest");
        JsonNode save = lens.traces().subsegment("## save");
        assertEquals(root, handlerSegment.path("trace_id").asText());
        assertTrue(lens.traces().childrenOf(handlerSegment).stream()
                .anyMatch(child -> child.path("id").asText().equals(save.path("id").asText())));
        assertEquals(List.of(), lens.diagnostics());
    }

    @Test
    void workHandedToAnotherThreadWithTheScopeIsCapturedToo(TestLens lens) throws Exception {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(lens.runtime()).namespace("Shop").build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            RequestHandler<Map<String, Object>, String> handler = observed(lens, interceptor, (event, context) -> {
                CompletableFuture.runAsync(InvocationScope.current().wrap(() -> {
                    log.info("from a worker");
                    LambdaTracing.withSubsegment("## worker", () -> null);
                }), pool).join();
                return "ok";
            });
            handler.handleRequest(Map.of(), lens.context().build());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
        assertEquals(1, lens.logs().withMessage("from a worker").size(), lens.logs()::toString);
        assertEquals(1, lens.traces().subsegments("## worker").size(), lens.traces()::toString);
    }

    @Test
    void eachTestGetsAFreshKitAndBadSettingsAreCapturedAsDiagnostics(TestLens lens) {
        assertEquals(0, lens.logs().size());
        TestLens configured = TestLens.builder().env("POWERTOOLS_TRACE_DISABLED", "maybe").build();
        LambdaTracing.builder().runtime(configured.runtime()).build();
        assertEquals(1, configured.diagnostics().size(), configured.diagnostics()::toString);
        assertTrue(configured.diagnostics().get(0).contains("POWERTOOLS_TRACE_DISABLED=maybe"));
        assertFalse(lens.diagnostics().stream().anyMatch(line -> line.contains("maybe")));
    }

    @Test
    void readingADocumentThatIsNotJsonFailsTheTest(TestLens lens) {
        RequestHandler<Map<String, Object>, String> handler = observed(lens,
                LambdaMetrics.builder().runtime(lens.runtime()).namespace("Shop").build(), (event, context) -> {
                    log.info("fine");
                    return "ok";
                });
        handler.handleRequest(Map.of(), lens.context().build());
        assertEquals(1, lens.logs().withMessage("fine").size());
        lens.clear();
        assertEquals(0, lens.logs().size());
        assertThrows(AssertionError.class, () -> lens.logs().line("fine"));
    }

    @Test
    void perDocumentViewsShowHowTheValuesOfOneMetricWereSplitAcrossDocuments(TestLens lens) {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(lens.runtime()).namespace("Shop").build();
        RequestHandler<Map<String, Object>, String> handler = observed(lens, interceptor, (event, context) -> {
            for (int i = 0; i < 150; i++) {
                interceptor.metrics().addMetric("ItemPrice", i, MetricUnit.NONE);
            }
            return "ok";
        });
        handler.handleRequest(Map.of(), lens.context().build());

        List<JsonNode> documents = lens.metrics().documentsWith("ItemPrice");
        assertEquals(2, documents.size(), lens.metrics()::toString);
        assertEquals(List.of(100, 50), documents.stream()
                .map(document -> CapturedMetrics.valuesIn(document, "ItemPrice").size()).toList());
        List<Double> all = new ArrayList<>();
        for (JsonNode document : documents) {
            assertEquals(List.of("ItemPrice"), CapturedMetrics.metricNamesIn(document));
            assertEquals(List.of(List.of("Service")), CapturedMetrics.dimensionSetsIn(document));
            assertEquals(List.of(), CapturedMetrics.valuesIn(document, "NoSuchMetric"));
            all.addAll(CapturedMetrics.valuesIn(document, "ItemPrice"));
        }
        assertEquals(lens.metrics().values("ItemPrice"), all);
        assertEquals(150, all.size());
    }

    @Test
    void aLogLineOrEmfDocumentOnSeveralLinesOrTwoObjectsInOneDocumentFailTheTest(TestLens lens) {
        DocumentSink sink = lens.runtime().documentSink();
        write(sink, DocumentSink.Kind.LOG_LINE, "{\"message\":\"split\",\n\"level\":\"INFO\"}");
        AssertionError broken = assertThrows(AssertionError.class, () -> lens.logs().all());
        assertTrue(broken.getMessage().contains("line break"), broken.getMessage());
        lens.clear();
        write(sink, DocumentSink.Kind.LOG_LINE, "{\"message\":\"one\"}{\"message\":\"two\"}");
        assertThrows(AssertionError.class, () -> lens.logs().all());
        write(sink, DocumentSink.Kind.EMF, "{\"_aws\":{}\r}");
        assertThrows(AssertionError.class, () -> lens.metrics().all());
        // An X-Ray document is one datagram, not a line: a line break between its tokens is fine.
        write(sink, DocumentSink.Kind.XRAY_SEGMENT, "{\"name\":\"## pretty\",\n \"id\":\"1\"}");
        assertEquals("1", lens.traces().subsegment("## pretty").path("id").asText());
    }

    private static void write(DocumentSink sink, DocumentSink.Kind kind, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        sink.write(kind, utf8, 0, utf8.length);
    }
}
