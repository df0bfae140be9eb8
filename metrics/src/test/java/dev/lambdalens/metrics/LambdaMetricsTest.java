package dev.lambdalens.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestClock;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.lambdalens.metrics.EmfDocuments.parseAll;
import static dev.lambdalens.testing.CapturedMetrics.dimensionSetsIn;
import static dev.lambdalens.testing.CapturedMetrics.metricNamesIn;
import static dev.lambdalens.testing.CapturedMetrics.valuesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interceptor and the metrics instance in process, with the test kit's runtimes (each with exactly the
 * environment the test gives) and real documents read from their capture.
 */
class LambdaMetricsTest {
    /** The kits this test made, in order: their documents and diagnostics are read together. */
    private final List<TestLens> kits = new CopyOnWriteArrayList<>();

    private LensRuntime runtime(Map<String, String> environment, Instant now) {
        TestLens.Builder builder = TestLens.builder().clock(TestClock.at(now));
        TestLens.DEFAULT_ENVIRONMENT.keySet().forEach(builder::withoutEnv);
        environment.forEach(builder::env);
        TestLens lens = builder.build();
        kits.add(lens);
        return lens.runtime();
    }

    private LensRuntime runtime(Map<String, String> environment) {
        return runtime(environment, Instant.now());
    }

    private LambdaMetrics.Builder builder(LensRuntime runtime) {
        return LambdaMetrics.builder().runtime(runtime);
    }

    /** The EMF documents written so far, as text. */
    private List<String> output() {
        return kits.stream().flatMap(kit -> kit.metrics().texts().stream()).toList();
    }

    private List<String> diagnostics() {
        return kits.stream().flatMap(kit -> kit.diagnostics().stream()).toList();
    }

    private static Object invoke(LensRuntime runtime, MetricsInterceptor interceptor, Context context, Object event,
                                 Interception.HandlerCall call) throws Throwable {
        return Interception.around(runtime, context, event, List.of(interceptor), call);
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private List<String> diagnosticsMentioning(String text) {
        return diagnostics().stream().filter(line -> line.contains(text)).toList();
    }

    @Test
    void writesTheInvocationsMetricsWithDimensionsMetadataAndIdsWhenTheHandlerReturns() throws Throwable {
        LensRuntime runtime = runtime(env("POWERTOOLS_SERVICE_NAME", "orders"));
        MetricsInterceptor interceptor = builder(runtime).namespace("Shop").build();
        Metrics metrics = interceptor.metrics();
        TestContext context = TestContext.create();

        Object response = invoke(runtime, interceptor, context, "event", () -> {
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            metrics.addMetric("Orders", 2, MetricUnit.COUNT);
            metrics.addMetric("Latency", 12.5, MetricUnit.MILLISECONDS, MetricResolution.HIGH);
            metrics.addDimension("Channel", "web");
            metrics.addMetadata("cart", Map.of("items", List.of(1, 2)));
            assertTrue(output().isEmpty(), "nothing is written before the handler returns");
            return "done";
        });

        assertEquals("done", response);
        List<JsonNode> documents = parseAll(output());
        assertEquals(1, documents.size(), output().toString());
        JsonNode document = documents.get(0);
        assertEquals("Shop", document.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(document));
        assertEquals("orders", document.path("Service").asText());
        assertEquals("web", document.path("Channel").asText());
        assertEquals(List.of(1.0, 2.0), valuesIn(document, "Orders"));
        assertEquals(List.of(12.5), valuesIn(document, "Latency"));
        JsonNode latency = document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(1);
        assertEquals("Milliseconds", latency.path("Unit").asText());
        assertEquals(1, latency.path("StorageResolution").asInt());
        assertEquals(context.getAwsRequestId(), document.path("function_request_id").asText());
        assertEquals(TraceHeader.parse(context.getXrayTraceId()).root(), document.path("xray_trace_id").asText());
        assertEquals(2, document.path("cart").path("items").size());
        assertTrue(diagnostics().isEmpty(), diagnostics().toString());
    }

    @Test
    void secretsInMetadataAreMaskedWithoutConfiguration() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Masked").build();
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.addMetric("Orders", 1, MetricUnit.COUNT);
            metrics.addMetadata("api_key", "k-1");
            metrics.addMetadata("request", Map.of("Authorization", "Bearer t-2", "note", "password=hunter2",
                    "body", "{\"client_secret\":\"cs-3\",\"user\":\"bob\"}"));
            return null;
        });

        String document = String.join("\n", output());
        for (String secret : List.of("k-1", "t-2", "hunter2", "cs-3")) {
            assertFalse(document.contains(secret), secret + " leaked: " + document);
        }
        JsonNode parsed = parseAll(output()).get(0);
        assertEquals("****", parsed.get("api_key").asText());
        assertEquals("password=****", parsed.at("/request/note").asText());
        assertTrue(parsed.at("/request/body").asText().contains("\"user\":\"bob\""), document);
        assertEquals(List.of(1.0), valuesIn(parsed, "Orders"));
    }

    @Test
    void splitsAtOneHundredMetricsAndOneHundredValuesWithoutDroppingAny() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Split").build();
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            for (int m = 0; m < 150; m++) {
                for (int v = 0; v < 150; v++) {
                    metrics.addMetric("m" + m, v, MetricUnit.COUNT);
                }
            }
            return null;
        });

        List<JsonNode> documents = parseAll(output());
        assertEquals(4, documents.size(), "150 metrics x 150 values: 2 rounds of values x 2 chunks of metrics");
        Map<String, List<Double>> seen = new HashMap<>();
        for (JsonNode document : documents) {
            assertTrue(metricNamesIn(document).size() <= 100);
            for (String name : metricNamesIn(document)) {
                seen.computeIfAbsent(name, k -> new ArrayList<>()).addAll(valuesIn(document, name));
            }
        }
        assertEquals(150, seen.size());
        List<Double> expected = new ArrayList<>();
        for (int v = 0; v < 150; v++) {
            expected.add((double) v);
        }
        seen.values().forEach(values -> assertEquals(expected, values));
    }

    @Test
    void invalidInputIsReportedOncePerProblemNamingTheMetricAndTheRuleAndCostsNothingElse() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Checks").build();
        Metrics metrics = interceptor.metrics();
        DimensionSet tooMany = new DimensionSet();
        for (int i = 0; i < 31; i++) {
            tooMany.addDimension("d" + i, "v");
        }

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.addMetric("Good", 1, MetricUnit.COUNT);
            metrics.addMetric("NotANumber", Double.NaN, MetricUnit.COUNT);
            metrics.addMetric("NotANumber", Double.NaN, MetricUnit.COUNT);
            metrics.addMetric("Infinite", Double.POSITIVE_INFINITY, MetricUnit.COUNT);
            metrics.addMetric("", 1, MetricUnit.COUNT);
            metrics.addMetric("x".repeat(256), 1, MetricUnit.COUNT);
            metrics.addMetric("NoUnit", 3, null);
            metrics.addDimension("Region", null);
            metrics.addDimension(tooMany);
            metrics.setTimestamp(Instant.now().minus(Duration.ofDays(15)));
            metrics.setTimestamp(Instant.now().plus(Duration.ofHours(3)));
            metrics.addMetric("Good", 2, MetricUnit.COUNT);
            return null;
        });

        List<JsonNode> documents = parseAll(output());
        assertEquals(1, documents.size());
        assertEquals(List.of(1.0, 2.0), valuesIn(documents.get(0), "Good"));
        assertEquals(List.of(3.0), valuesIn(documents.get(0), "NoUnit"));
        assertEquals("None", documents.get(0).path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")
                .path(1).path("Unit").asText());
        assertEquals(1, diagnosticsMentioning("metric 'NotANumber'").size(), diagnostics().toString());
        assertTrue(diagnosticsMentioning("NotANumber").get(0).contains("not a finite number"));
        assertEquals(1, diagnosticsMentioning("metric 'Infinite'").size());
        assertEquals(1, diagnosticsMentioning("metric '': the name is empty").size());
        assertEquals(1, diagnosticsMentioning("longer than 255 characters").size());
        assertEquals(1, diagnosticsMentioning("metric 'NoUnit': no unit was given").size());
        assertEquals(1, diagnosticsMentioning("dimension 'Region' is left out: the value is not a string").size());
        assertEquals(1, diagnosticsMentioning("dimension 'd30' is left out: a dimension set holds at most 30").size());
        assertEquals(1, diagnosticsMentioning("more than 14 days in the past").size());
        assertEquals(1, diagnosticsMentioning("more than 2 hours in the future").size());
        assertEquals(9, diagnostics().size(), String.join("\n", diagnostics()));
    }

    @Test
    void aMetricNameWithALineBreakOrControlCharacterIsLeftOutAndTheDocumentStaysValid() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Checks").build();
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.addMetric("Order\nValue", 1, MetricUnit.COUNT);
            metrics.addMetric("Line\u2028Separator", 1, MetricUnit.COUNT);
            metrics.addMetric("Tab\tName", 1, MetricUnit.COUNT);
            metrics.addMetric("Good", 1, MetricUnit.COUNT);
            metrics.flushSingleMetric("Single\rName", 1, MetricUnit.COUNT, "Checks");
            return null;
        });

        List<JsonNode> documents = parseAll(output());
        assertEquals(1, documents.size(), output().toString());
        assertEquals(List.of("Good"), metricNamesIn(documents.get(0)));
        assertEquals(4, diagnosticsMentioning("the name holds a control character or line break").size(),
                String.join("\n", diagnostics()));
    }

    @Test
    void aMissingNamespaceIsReportedAndTheMetricsStillReachCloudWatchUnderTheDefault() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).build();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            interceptor.metrics().addMetric("Kept", 1, MetricUnit.COUNT);
            return null;
        });

        JsonNode document = parseAll(output()).get(0);
        assertEquals("default_namespace",
                document.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals(1, diagnosticsMentioning("no namespace is configured").size(), diagnostics().toString());
    }

    @Test
    void codeWinsOverTheEnvironmentWhichWinsOverDefaults() throws Throwable {
        LensRuntime runtime = runtime(env("POWERTOOLS_METRICS_NAMESPACE", "FromEnv", "POWERTOOLS_SERVICE_NAME", "envsvc"));
        MetricsInterceptor fromEnvironment = builder(runtime).build();
        MetricsInterceptor fromCode = builder(runtime).namespace("FromCode").service("codesvc").build();

        for (MetricsInterceptor interceptor : List.of(fromEnvironment, fromCode)) {
            invoke(runtime, interceptor, TestContext.create(), null, () -> {
                interceptor.metrics().addMetric("M", 1);
                return null;
            });
        }

        List<JsonNode> documents = parseAll(output());
        assertEquals("FromEnv", documents.get(0).path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals("envsvc", documents.get(0).path("Service").asText());
        assertEquals("FromCode", documents.get(1).path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals("codesvc", documents.get(1).path("Service").asText());
    }

    @Test
    void theColdStartDocumentIsWrittenOnlyInTheColdStartInvocation() throws Throwable {
        LensRuntime runtime = runtime(env("POWERTOOLS_SERVICE_NAME", "svc"));
        MetricsInterceptor interceptor = builder(runtime).namespace("Cold").captureColdStart(true).build();
        TestContext first = TestContext.builder().functionName("fn").build();

        invoke(runtime, interceptor, first, null, () -> null);
        invoke(runtime, interceptor, TestContext.builder().functionName("fn").build(), null, () -> null);

        List<JsonNode> documents = parseAll(output());
        assertEquals(1, documents.size(), output().toString());
        JsonNode coldStart = documents.get(0);
        assertEquals(List.of(1.0), valuesIn(coldStart, "ColdStart"));
        assertEquals(List.of(List.of("Service", "FunctionName")), dimensionSetsIn(coldStart));
        assertEquals("svc", coldStart.path("Service").asText());
        assertEquals("fn", coldStart.path("FunctionName").asText());
        assertEquals(first.getAwsRequestId(), coldStart.path("function_request_id").asText());
    }

    @Test
    void concurrentInvocationsAndTheirWorkerThreadsKeepTheirMetricsApart() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Concurrent").build();
        Metrics metrics = interceptor.metrics();
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        CountDownLatch allRecording = new CountDownLatch(4);
        List<TestContext> contexts = new ArrayList<>();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                int index = i;
                TestContext context = TestContext.create();
                contexts.add(context);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return invoke(runtime, interceptor, context, null, () -> {
                            metrics.addMetric("Invocation", index, MetricUnit.COUNT);
                            allRecording.countDown();
                            allRecording.await(5, TimeUnit.SECONDS);
                            // Work handed to another thread records into this invocation through the scope.
                            workers.submit(InvocationScope.current().wrap(
                                    () -> metrics.addMetric("Worker", index * 10, MetricUnit.COUNT))).get();
                            metrics.addMetric("Invocation", index, MetricUnit.COUNT);
                            return null;
                        });
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }, handlers));
            }
            calls.forEach(CompletableFuture::join);
        } finally {
            handlers.shutdownNow();
            workers.shutdownNow();
        }

        List<JsonNode> documents = parseAll(output());
        assertEquals(4, documents.size());
        for (JsonNode document : documents) {
            String requestId = document.path("function_request_id").asText();
            int index = indexOf(contexts, requestId);
            assertEquals(List.of((double) index, (double) index), valuesIn(document, "Invocation"));
            assertEquals(List.of(index * 10.0), valuesIn(document, "Worker"));
        }
    }

    private static int indexOf(List<TestContext> contexts, String requestId) {
        for (int i = 0; i < contexts.size(); i++) {
            if (contexts.get(i).getAwsRequestId().equals(requestId)) {
                return i;
            }
        }
        throw new AssertionError("unknown request id " + requestId);
    }

    @Test
    void metricsRecordedOutsideAnInvocationAreWrittenByTheNextFlushWithoutRequestId() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Init").build();
        Metrics metrics = interceptor.metrics();
        metrics.addMetric("InitTime", 120, MetricUnit.MILLISECONDS);
        assertTrue(output().isEmpty());

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.addMetric("InHandler", 1);
            return null;
        });

        List<JsonNode> documents = parseAll(output());
        assertEquals(2, documents.size());
        assertEquals(List.of(1.0), valuesIn(documents.get(0), "InHandler"));
        assertEquals(List.of(120.0), valuesIn(documents.get(1), "InitTime"));
        assertNull(documents.get(1).get("function_request_id"));

        metrics.addMetric("Later", 5);
        metrics.flush();
        assertEquals(List.of(5.0), valuesIn(parseAll(output()).get(2), "Later"));
    }

    @Test
    void metricsAreWrittenWhenTheHandlerThrows() {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Failing").build();
        IllegalStateException failure = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                invoke(runtime, interceptor, TestContext.create(), null, () -> {
                    interceptor.metrics().addMetric("BeforeFailure", 1, MetricUnit.COUNT);
                    throw failure;
                }));

        assertSame(failure, thrown);
        List<JsonNode> documents = parseAll(output());
        assertEquals(1, documents.size());
        assertEquals(List.of(1.0), valuesIn(documents.get(0), "BeforeFailure"));
    }

    @Test
    void metricsAreWrittenBeforeTheDeadlineWhileTheHandlerStillRuns() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Deadline").deadlineMargin(Duration.ofMillis(200)).build();
        TestContext context = TestContext.builder().timeout(Duration.ofMillis(500)).build();
        List<Integer> writtenWhileRunning = new ArrayList<>();

        invoke(runtime, interceptor, context, null, () -> {
            interceptor.metrics().addMetric("BeforeTimeout", 1, MetricUnit.COUNT);
            Thread.sleep(700);
            writtenWhileRunning.add(output().size());
            interceptor.metrics().addMetric("AfterDeadlineFlush", 2, MetricUnit.COUNT);
            return null;
        });

        assertEquals(List.of(1), writtenWhileRunning, "the deadline flush ran while the handler slept");
        List<JsonNode> documents = parseAll(output());
        assertEquals(List.of(1.0), valuesIn(documents.get(0), "BeforeTimeout"));
        assertEquals(List.of(2.0), valuesIn(documents.get(1), "AfterDeadlineFlush"));
        assertTrue(valuesIn(documents.get(1), "BeforeTimeout").isEmpty(), "each value is written once");
    }

    @Test
    void powertoolsMetricsDisabledWritesNothing() throws Throwable {
        LensRuntime runtime = runtime(env("POWERTOOLS_METRICS_DISABLED", "true"));
        MetricsInterceptor interceptor = builder(runtime).namespace("Off").captureColdStart(true).build();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            interceptor.metrics().addMetric("M", 1);
            interceptor.metrics().flushSingleMetric("S", 1, MetricUnit.COUNT, "Off");
            return null;
        });

        assertEquals(List.of(), output());
    }

    @Test
    void singleMetricsConsumerFlushesTimestampAndMetadataKeepToTheirRules() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Api").build();
        Metrics metrics = interceptor.metrics();
        Instant timestamp = Instant.now().minus(Duration.ofDays(13));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.setDefaultDimensions(DimensionSet.of("Stage", "prod"));
            metrics.setTimestamp(timestamp);
            metrics.addMetadata("cyclic", cyclic);
            metrics.addMetadata("big", new java.math.BigDecimal("12.50"));
            metrics.flushSingleMetric("Single", 7, MetricUnit.SECONDS, "Other", DimensionSet.of("Kind", "one"));
            metrics.flushMetrics(scoped -> {
                scoped.addMetric("Scoped", 3, MetricUnit.COUNT);
                scoped.addDimension("Scope", "inner");
            });
            metrics.addMetric("Main", 1, MetricUnit.COUNT);
            return null;
        });
        metrics.clearDefaultDimensions();

        List<JsonNode> documents = parseAll(output());
        assertEquals(3, documents.size(), output().toString());
        JsonNode single = documents.get(0);
        assertEquals("Other", single.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        // Powertools v2: the given set replaces the default dimensions, and the document has its own time.
        assertEquals(List.of(List.of("Kind")), dimensionSetsIn(single));
        assertEquals(runtime.clock().millis(), single.path("_aws").path("Timestamp").asLong());
        JsonNode scoped = documents.get(1);
        assertEquals(List.of(3.0), valuesIn(scoped, "Scoped"));
        assertEquals(List.of(List.of("Stage", "Scope")), dimensionSetsIn(scoped));
        assertFalse(scoped.has("Main"));
        JsonNode main = documents.get(2);
        assertEquals(List.of(1.0), valuesIn(main, "Main"));
        assertEquals(List.of(List.of("Stage")), dimensionSetsIn(main));
        assertEquals(timestamp.toEpochMilli(), main.path("_aws").path("Timestamp").asLong());
        assertTrue(output().get(2).contains("\"big\":12.50"), output().get(2));
        assertTrue(main.path("cyclic").toString().contains("[cycle]"), main.path("cyclic").toString());
    }

    @Test
    void raiseOnEmptyMetricsReportsInsteadOfFailingTheHandler() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Empty").raiseOnEmptyMetrics(true).build();

        Object response = invoke(runtime, interceptor, TestContext.create(), null, () -> "fine");

        assertEquals("fine", response);
        assertEquals(List.of(), output());
        assertEquals(1, diagnosticsMentioning("recorded no metric").size(), diagnostics().toString());
    }

    @Test
    void aMetricNamedLikeADimensionIsLeftOutAndTheOthersAreWritten() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Clash").build();
        Metrics metrics = interceptor.metrics();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.addDimension("Color", "red");
            metrics.addMetric("Color", 1);
            metrics.addMetric("Fine", 2);
            metrics.addMetadata("Fine", "clashes with a metric");
            return null;
        });

        JsonNode document = parseAll(output()).get(0);
        assertEquals("red", document.path("Color").asText());
        assertEquals(List.of("Fine"), metricNamesIn(document));
        assertEquals(List.of(2.0), valuesIn(document, "Fine"));
        assertEquals(1, diagnosticsMentioning("metric 'Color'").size());
        assertEquals(1, diagnosticsMentioning("metadata 'Fine'").size());
    }

    @Test
    void theProcessWideInstanceIsOneObjectAndRoutesToTheCurrentInvocation() throws Throwable {
        assertSame(MetricsFactory.getMetricsInstance(), MetricsFactory.getMetricsInstance());
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Shared").build();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            // Recorded through the global instance, flushed by this interceptor: one buffer per invocation.
            MetricsFactory.getMetricsInstance().addMetric("ViaFactory", 4, MetricUnit.COUNT);
            return null;
        });

        assertEquals(List.of(4.0), valuesIn(parseAll(output()).get(0), "ViaFactory"));
    }

    @Test
    void aDocumentOverOneMegabyteIsWrittenWithoutItsMetadata() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Big").build();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            interceptor.metrics().addMetadata("huge", "x".repeat(1_200_000));
            interceptor.metrics().addMetric("Kept", 1);
            return null;
        });

        JsonNode document = parseAll(output()).get(0);
        assertEquals(List.of(1.0), valuesIn(document, "Kept"));
        assertFalse(document.has("huge"));
        assertTrue(document.has("function_request_id"));
        assertEquals(1, diagnosticsMentioning("without the user metadata").size());
    }

    @Test
    void aDimensionSetThatWouldExceedThirtyWithTheDefaultsIsLeftOutAlone() throws Throwable {
        LensRuntime runtime = runtime(env());
        MetricsInterceptor interceptor = builder(runtime).namespace("Dims").build();
        Metrics metrics = interceptor.metrics();
        Map<String, String> twenty = new java.util.LinkedHashMap<>();
        Map<String, String> fifteen = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            twenty.put("default" + i, "v");
        }
        for (int i = 0; i < 15; i++) {
            fifteen.put("extra" + i, "v");
        }

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            metrics.setDefaultDimensions(DimensionSet.of(twenty));
            metrics.addDimension(DimensionSet.of(fifteen));
            metrics.addDimension("Small", "yes");
            metrics.addMetric("M", 1);
            return null;
        });
        metrics.clearDefaultDimensions();

        JsonNode document = parseAll(output()).get(0);
        List<List<String>> sets = dimensionSetsIn(document);
        assertEquals(1, sets.size());
        assertEquals(21, sets.get(0).size());
        assertEquals("Small", sets.get(0).get(20));
        assertEquals(1, diagnosticsMentioning("more than CloudWatch's 30").size(), diagnostics().toString());
    }

    @Test
    void anSqsBatchGivesBatchSizeOldestAgeAndOneAgePerRecordMeasuredFromTheInvocationStart() throws Throwable {
        Instant start = Instant.parse("2026-01-01T12:00:00Z");
        LensRuntime runtime = runtime(env(), start);
        MetricsInterceptor interceptor = builder(runtime).namespace("Queue").eventSourceMetrics(true).build();
        com.amazonaws.services.lambda.runtime.events.SQSEvent event =
                new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        List<com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message =
                    new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            message.setAttributes(Map.of("SentTimestamp", String.valueOf(start.toEpochMilli() - i * 1000L)));
            records.add(message);
        }
        event.setRecords(records);

        invoke(runtime, interceptor, TestContext.create(), event, () -> null);

        List<JsonNode> documents = parseAll(output());
        assertEquals(3, documents.size(), "250 ages are split into documents of at most 100 values");
        assertEquals(List.of(250.0), valuesIn(documents.get(0), "BatchSize"));
        assertEquals(List.of(249_000.0), valuesIn(documents.get(0), "OldestRecordAge"));
        assertEquals("aws:sqs", documents.get(0).path("EventSource").asText());
        List<Double> ages = new ArrayList<>();
        documents.forEach(d -> ages.addAll(valuesIn(d, "RecordAge")));
        assertEquals(250, ages.size());
        for (int i = 0; i < 250; i++) {
            assertEquals(i * 1000.0, ages.get(i));
        }
    }

    @Test
    void eventSourceMetricsStayOffUnlessSwitchedOnAndTheEnvironmentCanSwitchThemOn() throws Throwable {
        com.amazonaws.services.lambda.runtime.events.SQSEvent event =
                new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        event.setRecords(List.of(new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage()));
        LensRuntime off = runtime(env());
        invoke(off, builder(off).namespace("Q").build(), TestContext.create(), event, () -> null);
        assertEquals(List.of(), output());

        LensRuntime on = runtime(env("LAMBDA_LENS_METRICS_EVENT_SOURCE", "true"));
        invoke(on, builder(on).namespace("Q").build(), TestContext.create(), event, () -> null);
        JsonNode document = parseAll(output()).get(0);
        assertEquals(List.of(1.0), valuesIn(document, "BatchSize"));
        assertFalse(document.has("RecordAge"), "a record without a time has no age");
    }

    @Test
    void aCustomOutputGetsTheDocumentsInsteadOfTheRuntimesSink() throws Throwable {
        LensRuntime runtime = runtime(env());
        List<String> custom = new CopyOnWriteArrayList<>();
        MetricsInterceptor interceptor = builder(runtime).namespace("Custom").output(custom::add).build();

        invoke(runtime, interceptor, TestContext.create(), null, () -> {
            interceptor.metrics().addMetric("Routed", 1, MetricUnit.COUNT);
            return null;
        });

        assertEquals(List.of(1.0), valuesIn(parseAll(custom).get(0), "Routed"));
        assertEquals(List.of(), output(), "the output given in code wins over the runtime's document sink");
    }
}
