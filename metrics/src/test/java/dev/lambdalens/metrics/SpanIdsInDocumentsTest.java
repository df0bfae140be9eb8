package dev.lambdalens.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.lambdalens.metrics.EmfDocuments.parseAll;
import static dev.lambdalens.testing.CapturedMetrics.metricNamesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EMF documents of an invocation whose spans have ids of their own (core's {@link SpanIds} attached to the scope,
 * as tracing's OpenTelemetry backend does) carry the W3C {@code trace_id} and {@code span_id} beside
 * {@code xray_trace_id}; without the attachment they are exactly as before. Metrics reads only core here.
 */
class SpanIdsInDocumentsTest {
    private static final String W3C_TRACE = "6b06a8411bf2b2228a345556719b8fc5";
    private static final String HANDLER_SPAN = "53995c3f42cd8ad8";
    private static final String NESTED_SPAN = "0af7651916cd43dd";

    private final TestLens lens = TestLens.builder().env("POWERTOOLS_SERVICE_NAME", "orders").build();
    private final LensRuntime runtime = lens.runtime();

    /** What tracing's backend attaches: the ids of the span current on the calling thread, else the handler's. */
    private static class FixedSpanIds implements SpanIds {
        final AtomicReference<String> current = new AtomicReference<>(HANDLER_SPAN);

        @Override
        public String traceId() {
            return W3C_TRACE;
        }

        @Override
        public String spanId() {
            return current.get();
        }

        @Override
        public String xrayTraceId() {
            return "1-" + W3C_TRACE.substring(0, 8) + "-" + W3C_TRACE.substring(8);
        }
    }

    private List<JsonNode> invoke(MetricsInterceptor interceptor, Interception.HandlerCall call) throws Throwable {
        Interception.around(runtime, TestContext.create(), "event", List.of(interceptor), call);
        return parseAll(lens.metrics().texts());
    }

    @Test
    void documentsOfAnInvocationWithSpanIdsCarryTheW3cTraceAndTheHandlerSpan() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Shop")
                .captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        FixedSpanIds ids = new FixedSpanIds();

        List<JsonNode> documents = invoke(interceptor, () -> {
            InvocationScope.current().state().attachment(SpanIds.KEY, scope -> ids);
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            return "done";
        });

        assertEquals(1, documents.size(), lens.metrics().texts().toString());
        JsonNode document = documents.get(0);
        assertEquals(W3C_TRACE, document.path("trace_id").asText());
        assertEquals(HANDLER_SPAN, document.path("span_id").asText());
        assertEquals("1-6b06a841-1bf2b2228a345556719b8fc5", document.path("xray_trace_id").asText(),
                "the X-Ray form of the same trace, as on the log lines");
        assertTrue(lens.diagnostics().isEmpty(), lens.diagnostics().toString());
    }

    @Test
    void theColdStartDocumentCarriesTheIdsWhenTheHandlerSpanStartedBeforeMetricsRan() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Shop")
                .captureColdStart(true).build();
        FixedSpanIds ids = new FixedSpanIds();
        // What tracing's interceptor does when it runs before metrics': the handler span's ids attached first.
        InvocationInterceptor handlerSpan = new InvocationInterceptor() {
            @Override
            public void beforeHandler(InvocationScope scope, Object event) {
                scope.state().attachment(SpanIds.KEY, attached -> ids);
            }
        };

        Interception.around(runtime, TestContext.create(), "event", List.of(handlerSpan, interceptor), () -> null);

        List<JsonNode> documents = parseAll(lens.metrics().texts());
        assertEquals(1, documents.size(), lens.metrics().texts().toString());
        assertEquals(List.of("ColdStart"), metricNamesIn(documents.get(0)));
        assertEquals(W3C_TRACE, documents.get(0).path("trace_id").asText());
        assertEquals(HANDLER_SPAN, documents.get(0).path("span_id").asText());
    }

    @Test
    void aDocumentWrittenAtOnceInsideANestedSpanCarriesThatSpansId() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Shop")
                .captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        FixedSpanIds ids = new FixedSpanIds();

        List<JsonNode> documents = invoke(interceptor, () -> {
            InvocationScope.current().state().attachment(SpanIds.KEY, scope -> ids);
            ids.current.set(NESTED_SPAN);
            metrics.addMetric("Nested", 1, MetricUnit.COUNT);
            metrics.flush();
            ids.current.set(HANDLER_SPAN);
            metrics.addMetric("Outer", 1, MetricUnit.COUNT);
            return null;
        });

        assertEquals(2, documents.size(), lens.metrics().texts().toString());
        assertEquals(List.of("Nested"), metricNamesIn(documents.get(0)));
        assertEquals(NESTED_SPAN, documents.get(0).path("span_id").asText());
        assertEquals(List.of("Outer"), metricNamesIn(documents.get(1)));
        assertEquals(HANDLER_SPAN, documents.get(1).path("span_id").asText());
    }

    @Test
    void withoutSpanIdsTheDocumentHasNoW3cIds() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        TestContext context = TestContext.create();

        Interception.around(runtime, context, "event", List.of(interceptor), () -> {
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            return null;
        });

        JsonNode document = parseAll(lens.metrics().texts()).get(0);
        assertFalse(document.has("trace_id"), document.toString());
        assertFalse(document.has("span_id"), document.toString());
        assertEquals(TraceHeader.parse(context.getXrayTraceId()).root(), document.path("xray_trace_id").asText());
    }

    @Test
    void metricsAndMetadataNamedLikeTheIdsAreLeftOutAndReported() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();

        List<JsonNode> documents = invoke(interceptor, () -> {
            InvocationScope.current().state().attachment(SpanIds.KEY, scope -> new FixedSpanIds());
            metrics.addMetric("trace_id", 1, MetricUnit.COUNT);
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            metrics.addMetadata("span_id", "mine");
            return null;
        });

        JsonNode document = documents.get(0);
        assertEquals(List.of("Orders"), metricNamesIn(document));
        assertEquals(W3C_TRACE, document.path("trace_id").asText());
        assertEquals(HANDLER_SPAN, document.path("span_id").asText());
        assertTrue(lens.diagnostics().stream().anyMatch(line -> line.contains("'trace_id'")), lens.diagnostics().toString());
        assertTrue(lens.diagnostics().stream().anyMatch(line -> line.contains("'span_id'")), lens.diagnostics().toString());
    }

    @Test
    void spanIdsThatThrowAreReportedOnceAndTheDocumentsStillWritten() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        SpanIds failing = new FixedSpanIds() {
            @Override
            public String spanId() {
                throw new IllegalStateException("span gone");
            }
        };

        for (int i = 0; i < 2; i++) {
            Interception.around(runtime, TestContext.create(), "event", List.of(interceptor), () -> {
                InvocationScope.current().state().attachment(SpanIds.KEY, scope -> failing);
                metrics.addMetric("Orders", 1, MetricUnit.COUNT);
                return null;
            });
        }

        List<JsonNode> documents = parseAll(lens.metrics().texts());
        assertEquals(2, documents.size(), lens.metrics().texts().toString());
        for (JsonNode document : documents) {
            assertFalse(document.has("trace_id"), document.toString());
            assertFalse(document.has("span_id"), document.toString());
            assertTrue(document.path("xray_trace_id").isTextual(), document.toString());
        }
        assertEquals(1, lens.diagnostics().stream().filter(line -> line.contains("span ids")).count(),
                lens.diagnostics().toString());
    }

    @Test
    void aHostileSpanIdIsEscapedAndTheDocumentStaysValid() throws Throwable {
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        SpanIds hostile = new FixedSpanIds() {
            @Override
            public String spanId() {
                return "\",\"_aws\":{}\n";
            }
        };

        List<JsonNode> documents = invoke(interceptor, () -> {
            InvocationScope.current().state().attachment(SpanIds.KEY, scope -> hostile);
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            return null;
        });

        assertEquals("\",\"_aws\":{}\n", documents.get(0).path("span_id").asText());
        assertEquals(List.of("Orders"), metricNamesIn(documents.get(0)));
    }
}
