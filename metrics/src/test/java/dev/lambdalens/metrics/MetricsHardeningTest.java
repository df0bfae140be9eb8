package dev.lambdalens.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestClock;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lambdalens.metrics.EmfDocuments.parseAll;
import static dev.lambdalens.testing.CapturedMetrics.dimensionSetsIn;
import static dev.lambdalens.testing.CapturedMetrics.valuesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's metrics cases: input and settings a bad day brings never lose a document, and each problem is
 * reported once. Every document is checked against the shared EMF schema and the rules it cannot express.
 */
class MetricsHardeningTest {
    private TestLens lens;

    private LensRuntime runtime(Map<String, String> environment) {
        TestLens.Builder builder = TestLens.builder().clock(TestClock.at(Instant.now()));
        TestLens.DEFAULT_ENVIRONMENT.keySet().forEach(builder::withoutEnv);
        environment.forEach(builder::env);
        lens = builder.build();
        return lens.runtime();
    }

    private List<String> diagnosticsMentioning(String text) {
        return lens.diagnostics().stream().filter(line -> line.contains(text)).toList();
    }

    private static Map<String, String> dimensions(String prefix, int count) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(prefix + i, "v");
        }
        return map;
    }

    @Test
    void thirtyDefaultDimensionsAndAServiceNeverGiveASetOverThirty() throws Throwable {
        LensRuntime runtime = runtime(Map.of("POWERTOOLS_SERVICE_NAME", "svc"));
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Dims").service("orders")
                .build();
        Metrics metrics = interceptor.metrics();
        metrics.setDefaultDimensions(DimensionSet.of(dimensions("d", 30)));

        Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> {
            metrics.addMetric("M", 1, MetricUnit.COUNT);
            return null;
        });
        metrics.clearDefaultDimensions();

        JsonNode document = parseAll(lens.metrics().texts()).get(0);
        assertEquals(List.of(List.copyOf(dimensions("d", 30).keySet())), dimensionSetsIn(document));
        assertEquals(List.of(1.0), valuesIn(document, "M"));
    }

    @Test
    void aSetThatOutgrowsThirtyWhenTheDefaultsChangeIsCutWithOneReportAndTheDocumentKept() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Dims").build();
        Metrics metrics = interceptor.metrics();

        Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> {
            metrics.addDimension(DimensionSet.of(dimensions("extra", 10)));
            metrics.setDefaultDimensions(DimensionSet.of(dimensions("default", 25)));
            metrics.addMetric("M", 1, MetricUnit.COUNT);
            metrics.addMetric("M", 2, MetricUnit.COUNT);
            return null;
        });
        metrics.clearDefaultDimensions();

        List<JsonNode> documents = parseAll(lens.metrics().texts());
        assertEquals(1, documents.size());
        List<List<String>> sets = dimensionSetsIn(documents.get(0));
        assertEquals(30, sets.get(0).size());
        assertEquals("extra4", sets.get(0).get(29));
        assertEquals(List.of(1.0, 2.0), valuesIn(documents.get(0), "M"));
        assertEquals(1, diagnosticsMentioning("more than CloudWatch's 30").size(), lens.diagnostics().toString());
        assertTrue(diagnosticsMentioning("more than CloudWatch's 30").get(0).contains("extra5"));
    }

    @Test
    void aSeventyKilobyteMetadataKeyIsReportedOnceAndTheRestIsWritten() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Meta").build();
        Metrics metrics = interceptor.metrics();
        String hugeKey = "k".repeat(70 * 1024);

        for (int i = 0; i < 2; i++) {
            Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> {
                metrics.addMetadata(hugeKey, "lost");
                metrics.addMetadata("order", "o-1");
                metrics.addMetric("Kept", 1, MetricUnit.COUNT);
                return null;
            });
        }

        List<JsonNode> documents = parseAll(lens.metrics().texts());
        assertEquals(2, documents.size());
        for (JsonNode document : documents) {
            assertEquals("o-1", document.path("order").asText());
            assertFalse(document.has(hugeKey));
            assertEquals(List.of(1.0), valuesIn(document, "Kept"));
        }
        assertTrue(lens.metrics().texts().get(0).length() < 2048, "the key is not written");
        assertEquals(1, diagnosticsMentioning("more than 1024").size(), lens.diagnostics().toString());
        assertTrue(lens.diagnostics().get(0).length() < 1000, "the report does not quote the key");
    }

    @Test
    void aDeadlineMarginAtOrAboveTheTimeLeftStillFlushesLateValuesBeforeTheDeadline() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Deadline")
                .deadlineMargin(Duration.ofSeconds(1)).build();
        Metrics metrics = interceptor.metrics();
        TestContext context = TestContext.builder().clock(runtime.clock()).timeout(Duration.ofMillis(600)).build();
        List<String> writtenWhileRunning = new ArrayList<>();

        Interception.around(runtime, context, null, List.of(interceptor), () -> {
            metrics.addMetric("Early", 1, MetricUnit.COUNT);
            Thread.sleep(150);
            metrics.addMetric("Late", 2, MetricUnit.COUNT);
            // The flush runs a tenth of the 600 ms before the deadline, 540 ms in.
            Thread.sleep(900);
            writtenWhileRunning.addAll(lens.metrics().texts());
            metrics.addMetric("AfterTheFlush", 3, MetricUnit.COUNT);
            return null;
        });

        List<JsonNode> whileRunning = parseAll(writtenWhileRunning);
        assertEquals(1, whileRunning.size(), writtenWhileRunning.toString());
        assertEquals(List.of(1.0), valuesIn(whileRunning.get(0), "Early"));
        assertEquals(List.of(2.0), valuesIn(whileRunning.get(0), "Late"));
        List<JsonNode> all = parseAll(lens.metrics().texts());
        assertEquals(2, all.size());
        assertEquals(List.of(3.0), valuesIn(all.get(1), "AfterTheFlush"));
        assertEquals(1, diagnosticsMentioning("deadlineMargin 1000 ms").size(), lens.diagnostics().toString());
    }

    @Test
    void everyUnusableSettingIsReportedOnceNamingItAndTheRestWorks() throws Throwable {
        LensRuntime runtime = runtime(Map.of(
                "POWERTOOLS_METRICS_NAMESPACE", "AWS/Lambda",
                "POWERTOOLS_SERVICE_NAME", "s".repeat(1025),
                "POWERTOOLS_METRICS_FUNCTION_NAME", "f".repeat(1025),
                "POWERTOOLS_METRICS_DISABLED", "yes",
                "LAMBDA_LENS_METRICS_EVENT_SOURCE", "on",
                "POWERTOOLS_LOG_LEVEL", "verbose",
                "AWS_LAMBDA_LOG_LEVEL", "DEBUG",
                "AWS_LAMBDA_FUNCTION_NAME", "real-function"));
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(true).build();

        for (int i = 0; i < 2; i++) {
            Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> {
                interceptor.metrics().addMetric("Kept", 1, MetricUnit.COUNT);
                return null;
            });
        }
        Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> null);

        List<JsonNode> documents = parseAll(lens.metrics().texts());
        JsonNode coldStart = documents.get(0);
        assertEquals(List.of(List.of("FunctionName")), dimensionSetsIn(coldStart));
        assertEquals("real-function", coldStart.path("FunctionName").asText());
        JsonNode kept = documents.get(1);
        assertEquals("default_namespace", kept.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals(List.of(List.of()), dimensionSetsIn(kept));
        assertEquals(1, diagnosticsMentioning("POWERTOOLS_METRICS_NAMESPACE=AWS/Lambda").size(), lens.diagnostics().toString());
        assertEquals(1, diagnosticsMentioning("POWERTOOLS_SERVICE_NAME=").size());
        assertEquals(1, diagnosticsMentioning("POWERTOOLS_METRICS_FUNCTION_NAME=").size());
        assertEquals(1, diagnosticsMentioning("POWERTOOLS_METRICS_DISABLED=yes").size());
        assertEquals(1, diagnosticsMentioning("LAMBDA_LENS_METRICS_EVENT_SOURCE=on").size());
        assertEquals(1, diagnosticsMentioning("POWERTOOLS_LOG_LEVEL=verbose").size());
        // AWS_LAMBDA_LOG_LEVEL=DEBUG still applies: the empty third invocation is noted.
        assertEquals(1, diagnosticsMentioning("recorded no metric").size());
        assertEquals(7, lens.diagnostics().size(), String.join("\n", lens.diagnostics()));
    }
}
