package dev.lambdalens.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestClock;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.lambdalens.metrics.EmfDocuments.parseAll;
import static dev.lambdalens.testing.CapturedMetrics.dimensionSetsIn;
import static dev.lambdalens.testing.CapturedMetrics.valuesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dimension sets Powertools for AWS Lambda (Java) 2.10 writes for each {@code Metrics} call (its
 * docs/core/metrics.md and powertools-metrics sources), asserted on Lens' documents, each checked against the
 * shared EMF schema.
 */
class PowertoolsParityTest {
    private TestLens lens;

    private LensRuntime runtime(Map<String, String> environment) {
        TestLens.Builder builder = TestLens.builder().clock(TestClock.at(Instant.now()));
        TestLens.DEFAULT_ENVIRONMENT.keySet().forEach(builder::withoutEnv);
        environment.forEach(builder::env);
        lens = builder.build();
        return lens.runtime();
    }

    private List<JsonNode> documents() {
        return parseAll(lens.metrics().texts());
    }

    private static JsonNode with(List<JsonNode> documents, String metric) {
        return documents.stream().filter(d -> d.has(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no document with " + metric + " in " + documents));
    }

    private static void invoke(LensRuntime runtime, MetricsInterceptor interceptor, Context context,
                               Interception.HandlerCall call) throws Throwable {
        Interception.around(runtime, context, null, List.of(interceptor), call);
    }

    /** {@code @FlushMetrics(namespace = "ServerlessAirline", service = "payment")}, as the docs' examples. */
    private MetricsInterceptor payment(LensRuntime runtime) {
        return LambdaMetrics.builder().runtime(runtime).namespace("ServerlessAirline").service("payment").build();
    }

    @Test
    void flushSingleMetricWritesExactlyTheGivenDimensionSetAndWithoutOneTheDefaults() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addDimension("Channel", "web");
            metrics.flushSingleMetric("Given", 1, MetricUnit.COUNT, "Other", DimensionSet.of("Kind", "one"));
            metrics.flushSingleMetric("Defaults", 1, MetricUnit.COUNT, "Other");
            return null;
        });

        List<JsonNode> documents = documents();
        assertEquals(List.of(List.of("Kind")), dimensionSetsIn(with(documents, "Given")));
        assertFalse(with(documents, "Given").has("Service"));
        assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(documents, "Defaults")));
        assertEquals("Other", with(documents, "Given").path("_aws").path("CloudWatchMetrics").path(0)
                .path("Namespace").asText());
    }

    @Test
    void setDefaultDimensionsReplacesTheServiceDimension() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.setDefaultDimensions(DimensionSet.of("CustomDimension", "booking", "Environment", "prod"));
            metrics.addMetric("CustomMetric1", 1, MetricUnit.COUNT);
            return null;
        });
        // The next invocation still has the defaults set in code, and still no Service.
        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addDimension("Channel", "web");
            metrics.addMetric("CustomMetric2", 1, MetricUnit.COUNT);
            return null;
        });
        metrics.clearDefaultDimensions();

        List<JsonNode> documents = documents();
        assertEquals(List.of(List.of("CustomDimension", "Environment")),
                dimensionSetsIn(with(documents, "CustomMetric1")));
        assertEquals(List.of(List.of("CustomDimension", "Environment", "Channel")),
                dimensionSetsIn(with(documents, "CustomMetric2")));
        assertFalse(with(documents, "CustomMetric1").has("Service"));
    }

    @Test
    void defaultDimensionsSetBeforeTheInvocationAreKeptOverTheAnnotationsService() throws Throwable {
        LensRuntime runtime = runtime(Map.of("POWERTOOLS_SERVICE_NAME", "from-env"));
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();
        // What MetricsBuilder.builder().withDefaultDimensions(...).build() does to the instance, at init.
        metrics.setDefaultDimensions(DimensionSet.of("CustomDimension", "booking", "Environment", "prod"));

        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addMetric("CustomMetric1", 1, MetricUnit.COUNT);
            return null;
        });
        // Powertools' aspect: a single default dimension (or one set holding Service) gives way to the service.
        metrics.setDefaultDimensions(DimensionSet.of("Service", "from-builder"));
        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addMetric("CustomMetric2", 1, MetricUnit.COUNT);
            return null;
        });
        metrics.clearDefaultDimensions();

        List<JsonNode> documents = documents();
        assertEquals(List.of(List.of("CustomDimension", "Environment")),
                dimensionSetsIn(with(documents, "CustomMetric1")));
        assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(documents, "CustomMetric2")));
        assertEquals("payment", with(documents, "CustomMetric2").path("Service").asText());
    }

    @Test
    void captureColdStartMetricUsesTheGivenDimensionsInsteadOfServiceAndFunctionName() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();
        TestContext context = TestContext.builder().functionName("fn").build();

        invoke(runtime, interceptor, context, () -> {
            metrics.captureColdStartMetric(context, DimensionSet.of("CustomDimension", "CustomValue"));
            metrics.captureColdStartMetric(context);
            metrics.addMetric("Work", 1, MetricUnit.COUNT);
            return null;
        });

        List<JsonNode> documents = documents();
        assertEquals(2, documents.size(), documents.toString());
        JsonNode coldStart = with(documents, "ColdStart");
        assertEquals(List.of(List.of("CustomDimension")), dimensionSetsIn(coldStart));
        assertEquals(List.of(1.0), valuesIn(coldStart, "ColdStart"));
        assertEquals(context.getAwsRequestId(), coldStart.path("function_request_id").asText());
    }

    @Test
    void captureColdStartMetricWithoutDimensionsHasTheDefaultDimensions() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);

        invoke(runtime, interceptor, TestContext.builder().functionName("fn").build(), () -> {
            interceptor.metrics().captureColdStartMetric();
            return null;
        });

        assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(documents(), "ColdStart")));
    }

    @Test
    void flushMetricsInheritsTheDefaultsButNotTheInvocationsDimensionSets() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addDimension("Channel", "web");
            metrics.addDimension("Region", "eu");
            metrics.addMetadata("cart", "c-1");
            metrics.flushMetrics(scoped -> scoped.addMetric("CustomMetric", 1, MetricUnit.COUNT));
            metrics.addMetric("Main", 1, MetricUnit.COUNT);
            return null;
        });

        List<JsonNode> documents = documents();
        JsonNode scoped = with(documents, "CustomMetric");
        assertEquals(List.of(List.of("Service")), dimensionSetsIn(scoped), "one series, not one per set");
        assertEquals("c-1", scoped.path("cart").asText(), "metadata is inherited");
        assertEquals(List.of(List.of("Service", "Channel"), List.of("Service", "Region")),
                dimensionSetsIn(with(documents, "Main")));
    }

    @Test
    void theWrappersColdStartLeavesOutAnUndefinedService() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Cold")
                .captureColdStart(true).build();

        invoke(runtime, interceptor, TestContext.builder().functionName("fn").build(), () -> null);

        JsonNode coldStart = with(documents(), "ColdStart");
        assertEquals(List.of(List.of("FunctionName")), dimensionSetsIn(coldStart));
        assertFalse(coldStart.has("Service"));
    }

    @Test
    void captureColdStartMetricWithoutAnyWrapperWritesTheColdStartOnce() {
        LensRuntime runtime = runtime(Map.of("POWERTOOLS_METRICS_NAMESPACE", "ServerlessAirline",
                "POWERTOOLS_SERVICE_NAME", "payment"));
        Metrics metrics = LambdaMetrics.builder().runtime(runtime).build().metrics();
        TestContext first = TestContext.create();

        // Powertools' functional style: no @FlushMetrics, no ObservedHandler, flush() by hand.
        for (TestContext context : List.of(first, TestContext.create())) {
            metrics.captureColdStartMetric(context, DimensionSet.of("FunctionName", "MyFunction", "Service", "payment"));
            metrics.addMetric("CustomMetric", 1, MetricUnit.COUNT);
            metrics.flush();
        }

        List<JsonNode> documents = documents();
        List<JsonNode> coldStarts = documents.stream().filter(d -> d.has("ColdStart")).toList();
        assertEquals(1, coldStarts.size(), documents.toString());
        assertEquals(List.of(List.of("FunctionName", "Service")), dimensionSetsIn(coldStarts.get(0)));
        assertEquals(first.getAwsRequestId(), coldStarts.get(0).path("function_request_id").asText());
        assertEquals(2, documents.stream().filter(d -> d.has("CustomMetric")).count());
        assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(documents, "CustomMetric")));
    }

    @Test
    void flushInCodeForgetsTheDimensionSetsAsPowertoolsDoes() throws Throwable {
        LensRuntime runtime = runtime(Map.of());
        MetricsInterceptor interceptor = payment(runtime);
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), () -> {
            metrics.addDimension("Channel", "web");
            metrics.addMetric("First", 1, MetricUnit.COUNT);
            metrics.flush();
            metrics.addMetric("Second", 1, MetricUnit.COUNT);
            return null;
        });

        List<JsonNode> documents = documents();
        assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(with(documents, "First")));
        assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(documents, "Second")));
        assertTrue(lens.diagnostics().isEmpty(), lens.diagnostics().toString());
    }
}
