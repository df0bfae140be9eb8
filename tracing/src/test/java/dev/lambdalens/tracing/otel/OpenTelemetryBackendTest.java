package dev.lambdalens.tracing.otel;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.tracing.CaptureMode;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.TracedSubsegment;
import dev.lambdalens.tracing.handlers.AwsClients;
import dev.lambdalens.tracing.handlers.LocalAwsEndpoint;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenTelemetry backend with the real SDK registered as GlobalOpenTelemetry and its in-memory exporter:
 * Lens's handler span, nested spans and AWS SDK calls as OpenTelemetry spans, in this JVM.
 */
class OpenTelemetryBackendTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String W3C_ROOT = "5759e988bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final String HEADER = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private SdkTracerProvider provider;

    @BeforeEach
    void register() {
        GlobalOpenTelemetry.resetForTest();
        provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        OpenTelemetrySdk.builder().setTracerProvider(provider).buildAndRegisterGlobal();
    }

    @AfterEach
    void reset() {
        GlobalOpenTelemetry.resetForTest();
        provider.close();
        daemon.close();
    }

    private LensRuntime runtime(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                "POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true", "POWERTOOLS_TRACER_CAPTURE_ERROR", "true", 
                "POWERTOOLS_SERVICE_NAME", "svc"));
        config.putAll(extra);
        return LensRuntime.builder()
                .configuration(Configuration.of(config))
                .diagnostics(new Diagnostics(diagnostics::add))
                .systemProperties(key -> null)
                .build();
    }

    private static <T> T invoke(LensRuntime runtime, String header, Supplier<T> body) {
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap((event, context) -> body.get())
                .with(LambdaTracing.interceptor())
                .runtime(runtime)
                .build();
        return handler.handleRequest("event", TestContext.builder().xrayTraceId(header).build());
    }

    private SpanData only(String name) {
        List<SpanData> found = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, found.size(), () -> name + " in " + exporter.getFinishedSpanItems());
        return found.get(0);
    }

    private static <T> T attribute(SpanData span, AttributeKey<T> key) {
        return span.getAttributes().get(key);
    }

    private void assertNoXRayDocuments() throws InterruptedException {
        Thread.sleep(100);
        assertEquals(List.of(), daemon.datagrams(), "nothing goes to the X-Ray daemon");
    }

    @Test
    void handlerAndNestedSpansAreOpenTelemetrySpansWithAnnotationsAndMetadataAsAttributes() throws Exception {
        List<TracedSubsegment> seen = new ArrayList<>();
        String result = invoke(runtime(Map.of()), HEADER, () -> LambdaTracing.withSubsegment("## inner", inner -> {
            seen.add(inner);
            inner.putAnnotation("orderId", "o-1");
            inner.putAnnotation("count", 3);
            inner.putAnnotation("ratio", 0.5);
            inner.putAnnotation("bad key!", "left out");
            inner.putMetadata("order", Map.of("id", "o-1"));
            inner.putMetadata("audit", "who", List.of("a", "b"));
            return "ok";
        }));
        assertEquals("ok", result);
        assertEquals(2, exporter.getFinishedSpanItems().size(), () -> "" + exporter.getFinishedSpanItems());
        SpanData handler = only("## handleRequest");
        SpanData inner = only("## inner");

        // Parentage: the handler span is a child of the invocation's X-Ray segment, the inner span of the handler.
        assertEquals(W3C_ROOT, handler.getTraceId());
        assertEquals(PARENT, handler.getParentSpanId());
        assertTrue(handler.getParentSpanContext().isRemote());
        assertEquals(W3C_ROOT, inner.getTraceId());
        assertEquals(handler.getSpanId(), inner.getParentSpanId());
        assertEquals(SpanKind.INTERNAL, handler.getKind());
        assertEquals("dev.lambdalens.tracing", handler.getInstrumentationScopeInfo().getName());
        // The subsegment handed to the code names the OpenTelemetry span, its trace in X-Ray's form.
        assertEquals(inner.getSpanId(), seen.get(0).id());
        assertEquals(ROOT, seen.get(0).traceId());

        assertEquals(true, attribute(handler, AttributeKey.booleanKey("ColdStart")));
        assertEquals("svc", attribute(handler, AttributeKey.stringKey("Service")));
        assertEquals(List.of("ColdStart", "Service"), attribute(handler, AttributeKey.stringArrayKey("aws.xray.annotations")));
        assertEquals("\"ok\"", attribute(handler, AttributeKey.stringKey("svc.handleRequest response")));
        assertEquals(StatusCode.UNSET, handler.getStatus().getStatusCode());

        assertEquals("o-1", attribute(inner, AttributeKey.stringKey("orderId")));
        assertEquals(3L, attribute(inner, AttributeKey.longKey("count")));
        assertEquals(0.5, attribute(inner, AttributeKey.doubleKey("ratio")));
        assertEquals(List.of("orderId", "count", "ratio"), attribute(inner, AttributeKey.stringArrayKey("aws.xray.annotations")));
        assertEquals("{\"id\":\"o-1\"}", attribute(inner, AttributeKey.stringKey("svc.order")));
        assertEquals("[\"a\",\"b\"]", attribute(inner, AttributeKey.stringKey("audit.who")));
        assertTrue(inner.getEvents().isEmpty());
        assertTrue(diagnostics.stream().anyMatch(line -> line.contains("bad key!")), () -> "" + diagnostics);
        assertNoXRayDocuments();
    }

    @Test
    void theScopeCarriesTheIdsOfTheCurrentSpanForLogLines() {
        List<String> ids = new ArrayList<>();
        invoke(runtime(Map.of()), HEADER, () -> {
            SpanIds spanIds = InvocationScope.current().state().attachment(SpanIds.KEY);
            ids.add(spanIds.traceId() + " " + spanIds.spanId() + " " + spanIds.xrayTraceId());
            LambdaTracing.withSubsegment("## inner", () -> ids.add(spanIds.spanId()));
            ids.add(spanIds.spanId());
            return "ok";
        });
        SpanData handler = only("## handleRequest");
        assertEquals(List.of(W3C_ROOT + " " + handler.getSpanId() + " " + ROOT, only("## inner").getSpanId(),
                handler.getSpanId()), ids);
    }

    @Test
    void anErrorIsAnExceptionEventWithErrorStatusAndStillRethrown() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, () -> invoke(runtime(Map.of()), HEADER, () -> {
            throw boom;
        }));
        SpanData handler = only("## handleRequest");
        assertEquals(StatusCode.ERROR, handler.getStatus().getStatusCode());
        assertEquals("boom", handler.getStatus().getDescription());
        assertEquals(IllegalStateException.class.getName(), attribute(handler, AttributeKey.stringKey("error.type")));
        assertEquals(1, handler.getEvents().size());
        EventData event = handler.getEvents().get(0);
        assertEquals("exception", event.getName());
        assertEquals(IllegalStateException.class.getName(), event.getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertEquals("boom", event.getAttributes().get(AttributeKey.stringKey("exception.message")));
        assertTrue(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")).contains("OpenTelemetryBackendTest"));
        String summary = attribute(handler, AttributeKey.stringKey("svc.handleRequest error"));
        assertTrue(summary.contains("\"message\":\"boom\""), summary);
    }

    @Test
    void withErrorCaptureOffAFailureIsStillAnErrorButCarriesNoException() {
        assertThrows(IllegalStateException.class, () -> invoke(runtime(Map.of("POWERTOOLS_TRACER_CAPTURE_ERROR", "false")),
                HEADER, () -> LambdaTracing.withSubsegment("## inner", () -> {
                    throw new IllegalStateException("secret");
                })));
        for (SpanData span : exporter.getFinishedSpanItems()) {
            assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode(), span::toString);
            assertEquals(List.of(), span.getEvents(), span::toString);
            assertFalse(span.getAttributes().toString().contains("secret"), span::toString);
        }
        assertEquals(2, exporter.getFinishedSpanItems().size());
    }

    @Test
    void theSpanCurrentAtInvocationStartIsTheParentAndOpenTelemetrySpansNestBothWays() {
        io.opentelemetry.api.trace.Tracer layer = GlobalOpenTelemetry.getTracer("layer");
        Span invocation = layer.spanBuilder("invocation").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = invocation.makeCurrent()) {
            // The layer's span wins over the X-Ray header of the invocation.
            invoke(runtime(Map.of()), HEADER, () -> {
                Span user = layer.spanBuilder("user").startSpan();   // inside the handler span
                try (Scope inUser = user.makeCurrent()) {
                    LambdaTracing.withSubsegment("## in user", () -> "x");
                } finally {
                    user.end();
                }
                return "ok";
            });
        } finally {
            invocation.end();
        }
        SpanData handler = only("## handleRequest");
        SpanData user = only("user");
        SpanData lensInUser = only("## in user");
        assertEquals(invocation.getSpanContext().getTraceId(), handler.getTraceId());
        assertEquals(invocation.getSpanContext().getSpanId(), handler.getParentSpanId());
        assertEquals(handler.getSpanId(), user.getParentSpanId(), "an OpenTelemetry span in the handler nests under it");
        assertEquals(user.getSpanId(), lensInUser.getParentSpanId(), "a Lens span in an OpenTelemetry span nests under that");
        assertFalse(Span.current().getSpanContext().isValid(), "scopes are closed again");
    }

    @Test
    void withoutALayerSpanOrASampledHeaderNothingIsRecorded() throws Exception {
        invoke(runtime(Map.of()), "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0",
                () -> LambdaTracing.withSubsegment("## inner", () -> "x"));
        invoke(runtime(Map.of()), "Root=" + ROOT + ";Sampled=1", () -> LambdaTracing.withSubsegment("## inner", () -> "x"));
        invoke(runtime(Map.of("POWERTOOLS_TRACE_DISABLED", "true")), HEADER, () -> "x");
        assertEquals(List.of(), exporter.getFinishedSpanItems());
        assertNoXRayDocuments();
    }

    @Test
    void spansStartedOnCarriedThreadsHaveTheirInvocationsSpanAsParentUnderConcurrentInvocations() throws Exception {
        LensRuntime runtime = runtime(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService workers = Executors.newFixedThreadPool(3);
        int invocations = 12;
        CountDownLatch together = new CountDownLatch(4);
        try {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                String root = String.format("1-5759e988-%024x", i + 1);
                String header = "Root=" + root + ";Parent=" + PARENT + ";Sampled=1";
                int n = i;
                results.add(CompletableFuture.supplyAsync(() -> invoke(runtime, header, () -> {
                    if (n < 4) {
                        together.countDown();
                        await(together);
                    }
                    InvocationScope scope = InvocationScope.current();
                    // Carried by the scope to a worker thread, which sees the Lens span as OpenTelemetry's current.
                    return CompletableFuture.supplyAsync(scope.wrapSupplier(() -> LambdaTracing.withSubsegment(
                            "## worker", sub -> Span.current().getSpanContext().getSpanId() + "/" + sub.id())), workers)
                            .join();
                }), pool));
            }
            for (CompletableFuture<String> result : results) {
                String[] ids = result.get(10, TimeUnit.SECONDS).split("/");
                assertEquals(ids[0], ids[1], "the Lens span is OpenTelemetry's current span on the worker");
            }
        } finally {
            pool.shutdownNow();
            workers.shutdownNow();
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertEquals(2 * invocations, spans.size());
        Set<String> traces = new HashSet<>();
        for (SpanData worker : spans.stream().filter(s -> s.getName().equals("## worker")).toList()) {
            SpanData handler = spans.stream().filter(s -> s.getSpanId().equals(worker.getParentSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no parent for " + worker));
            assertEquals("## handleRequest", handler.getName());
            assertEquals(handler.getTraceId(), worker.getTraceId());
            assertEquals(PARENT, handler.getParentSpanId());
            traces.add(worker.getTraceId());
        }
        assertEquals(invocations, traces.size(), "each invocation has its own trace");
    }

    @Test
    void anAwsSdkCallIsAClientSpanWithTheSemanticConventionsAndPassesItselfAsParent() {
        try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(); DynamoDbClient client = AwsClients.dynamoDb(aws.uri())) {
            invoke(runtime(Map.of()), HEADER, () -> LambdaTracing.withSubsegment("## load", () ->
                    client.getItem(r -> r.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1"))))));
            SpanData call = only("DynamoDb");
            assertEquals(only("## load").getSpanId(), call.getParentSpanId());
            assertEquals(SpanKind.CLIENT, call.getKind());
            assertEquals("aws-api", attribute(call, AttributeKey.stringKey("rpc.system")));
            assertEquals("DynamoDb", attribute(call, AttributeKey.stringKey("rpc.service")));
            assertEquals("GetItem", attribute(call, AttributeKey.stringKey("rpc.method")));
            assertEquals("us-east-1", attribute(call, AttributeKey.stringKey("cloud.region")));
            assertEquals(List.of("orders"), attribute(call, AttributeKey.stringArrayKey("aws.dynamodb.table_names")));
            assertEquals("req-1", attribute(call, AttributeKey.stringKey("aws.request_id")));
            assertEquals(0L, attribute(call, AttributeKey.longKey("aws.retries")));
            assertEquals(200L, attribute(call, AttributeKey.longKey("http.response.status_code")));
            assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());
            String header = aws.requests().get(0).header("X-Amzn-Trace-Id");
            assertEquals("Root=" + ROOT + ";Parent=" + call.getSpanId() + ";Sampled=1", header);
        }
    }

    @Test
    void aFailedAwsSdkCallIsAnErrorWithTheServiceException() {
        try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(); DynamoDbClient client = AwsClients.dynamoDb(aws.uri())) {
            aws.reply(LocalAwsEndpoint.Reply.jsonError(400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                    "Requested resource not found"));
            assertThrows(SdkServiceException.class, () -> invoke(runtime(Map.of()), HEADER, () ->
                    client.getItem(r -> r.tableName("missing").key(Map.of("id", AttributeValue.fromS("o-1"))))));
            SpanData call = only("DynamoDb");
            assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
            assertEquals(400L, attribute(call, AttributeKey.longKey("http.response.status_code")));
            assertEquals("exception", call.getEvents().get(0).getName());
            assertTrue(attribute(call, AttributeKey.stringKey("error.type")).endsWith("ResourceNotFoundException"),
                    call::toString);
            assertEquals(only("## handleRequest").getSpanId(), call.getParentSpanId());
        }
    }

    @Test
    void theXRayBackendChosenBySettingsIgnoresTheRegisteredSdk() {
        invoke(runtime(Map.of("LAMBDA_LENS_TRACING_BACKEND", "xray", "LAMBDA_LENS_TRACING_SDK_INTEROP", "false")),
                HEADER, () -> LambdaTracing.withSubsegment("## inner", () -> "x"));
        assertEquals("## handleRequest", daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).path("name").asText());
        assertEquals(List.of(), exporter.getFinishedSpanItems());
    }

    @Test
    void aBadBackendIsReportedOnceAndAutoApplies() {
        LensRuntime runtime = runtime(Map.of("LAMBDA_LENS_TRACING_BACKEND", "zipkin"));
        invoke(runtime, HEADER, () -> "x");
        invoke(runtime, HEADER, () -> "x");
        assertEquals(2, exporter.getFinishedSpanItems().size(), "auto: the registered SDK is used");
        List<String> reported = diagnostics.stream().filter(line -> line.contains("LAMBDA_LENS_TRACING_BACKEND")).toList();
        assertEquals(1, reported.size(), () -> "" + diagnostics);
        assertTrue(reported.get(0).contains("zipkin") && reported.get(0).contains("xray, otel, auto"), reported::toString);
    }

    @Test
    void autoWithNoSdkRegisteredSendsToXRay() {
        GlobalOpenTelemetry.resetForTest();
        invoke(runtime(Map.of("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")), HEADER, () -> "x");
        assertEquals("## handleRequest", daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).path("name").asText());
        assertFalse(GlobalOpenTelemetry.isSet(), "asking did not install a no-op or autoconfigure");
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void otelWithNoSdkRegisteredIsReportedOnceAndRecordsNothingAnywhere() throws Exception {
        GlobalOpenTelemetry.resetForTest();
        LensRuntime runtime = runtime(Map.of("LAMBDA_LENS_TRACING_BACKEND", "otel"));
        String result = invoke(runtime, HEADER, () -> LambdaTracing.withSubsegment("## inner", sub -> {
            assertFalse(sub.isRecording(), "OpenTelemetry's no-op records nothing: the code runs untraced");
            return "ran";
        }));
        invoke(runtime, HEADER, () -> "again");
        assertEquals("ran", result);
        List<String> reported = diagnostics.stream().filter(line -> line.contains("no OpenTelemetry SDK is registered")).toList();
        assertEquals(1, reported.size(), () -> "" + diagnostics);
        assertEquals(List.of(), exporter.getFinishedSpanItems());
        assertNoXRayDocuments();
    }

    @Test
    void theAnnotationThroughTheStaticApiAndCaptureModesWork() {
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
            LambdaTracing.putAnnotation("customer", "c-9");
            return "secret response";
        }).with(LambdaTracing.builder().segmentName("## orders").captureMode(CaptureMode.DISABLED).build())
                .runtime(runtime(Map.of())).build();
        handler.handleRequest("e", TestContext.builder().xrayTraceId(HEADER).build());
        SpanData span = only("## orders");
        assertEquals("c-9", attribute(span, AttributeKey.stringKey("customer")));
        assertFalse(span.getAttributes().toString().contains("secret response"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
