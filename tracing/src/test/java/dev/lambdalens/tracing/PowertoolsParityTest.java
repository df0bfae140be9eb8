package dev.lambdalens.tracing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.tracing.handlers.NamespacedWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Powertools for AWS Lambda (Java) 2.10 records, checked against its source ({@code LambdaTracingAspect},
 * {@code TracingUtils}) and {@code docs/core/tracing.md}: capture defaults, functional subsegment names, the
 * metadata namespace of {@code @Tracing(namespace)}, and {@code withSubsegment} without a handler wrapper.
 */
class PowertoolsParityTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";

    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        daemon.close();
    }

    private LensRuntime runtime(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                "LAMBDA_LENS_TRACING_SDK_INTEROP", "false",
                "POWERTOOLS_SERVICE_NAME", "svc"));
        config.putAll(extra);
        return LensRuntime.builder().configuration(Configuration.of(config)).clock(Clock.systemUTC())
                .diagnostics(new Diagnostics(diagnostics::add)).systemProperties(key -> null).build();
    }

    private <T> T invoke(LensRuntime runtime, TracingInterceptor tracing, BiFunction<String, Object, T> body) {
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap(body::apply)
                .with(tracing).runtime(runtime).build();
        return handler.handleRequest("event", TestContext.builder()
                .xrayTraceId("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1").build());
    }

    private JsonNode handlerDocument() {
        JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5),
                d -> "## handleRequest".equals(d.path("name").asText())).get(0);
        Documents.assertAllValid(daemon);
        return handler;
    }

    @Test
    void withTheCaptureVariablesUnsetNeitherResponseNorErrorIsRecorded() {
        LensRuntime runtime = runtime(Map.of());
        invoke(runtime, LambdaTracing.interceptor(), (event, context) -> "secret response");
        JsonNode ok = handlerDocument();
        assertFalse(ok.has("metadata"), ok::toString);
        assertThrows(IllegalStateException.class, () -> invoke(runtime, LambdaTracing.interceptor(),
                (event, context) -> {
                    throw new IllegalStateException("secret error");
                }));
        JsonNode failed = daemon.awaitDocuments(2, Duration.ofSeconds(5)).get(1);
        assertTrue(failed.path("fault").asBoolean(), failed::toString);
        assertFalse(failed.has("metadata") || failed.has("cause"), failed::toString);
        assertFalse(daemon.datagrams().toString().contains("secret"));
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void settingTheCaptureVariablesToTrueRecordsBoth() {
        LensRuntime runtime = runtime(Map.of("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true",
                "POWERTOOLS_TRACER_CAPTURE_ERROR", "true"));
        invoke(runtime, LambdaTracing.interceptor(), (event, context) -> "ok");
        assertEquals("ok", handlerDocument().path("metadata").path("svc").path("handleRequest response").asText());
        assertThrows(IllegalStateException.class, () -> invoke(runtime, LambdaTracing.interceptor(),
                (event, context) -> {
                    throw new IllegalStateException("boom");
                }));
        JsonNode failed = daemon.awaitDocuments(2, Duration.ofSeconds(5)).get(1);
        assertEquals("boom", failed.path("metadata").path("svc").path("handleRequest error").path("message").asText(),
                failed::toString);
        assertTrue(failed.has("cause"), failed::toString);
    }

    @Test
    void functionalSubsegmentsAreNamedWithPowertoolsPrefixAndVoidLambdasNeedNoReturn() {
        invoke(runtime(Map.of()), LambdaTracing.interceptor(), (event, context) -> {
            LambdaTracing.withSubsegment("businessLogic", subsegment -> {
                subsegment.putAnnotation("step", "one");
            });
            LambdaTracing.withSubsegment("## alreadyPrefixed", subsegment -> {
            });
            return LambdaTracing.withSubsegment("valued", () -> "v");
        });
        JsonNode handler = handlerDocument();
        assertEquals(List.of("## businessLogic", "## alreadyPrefixed", "## valued"), Documents.childNames(handler));
        assertEquals("one", Documents.child(handler, "## businessLogic").path("annotations").path("step").asText());
    }

    @Test
    void putMetadataInsideATracedMethodGoesToItsNamespace() {
        NamespacedWork work = new NamespacedWork();
        invoke(runtime(Map.of()), LambdaTracing.builder().namespace("orders").build(), (event, context) -> {
            LambdaTracing.putMetadata("handler", "h");
            work.price("o-1");
            return work.plain("o-2");
        });
        JsonNode handler = handlerDocument();
        assertEquals("h", handler.path("metadata").path("orders").path("handler").asText(), handler::toString);
        assertEquals("orders", handler.path("annotations").path("Service").asText(),
                "Powertools annotates the namespace as Service");
        JsonNode price = Documents.child(handler, "## price");
        assertEquals("o-1", price.path("metadata").path("pricing").path("order").asText(), price::toString);
        assertFalse(price.path("metadata").has("svc"), price::toString);
        JsonNode plain = Documents.child(handler, "## plain");
        assertEquals("o-2", plain.path("metadata").path("svc").path("order").asText(), plain::toString);
    }

    @Test
    void withSubsegmentWithoutAHandlerWrapperIsSentAloneUnderTheInvocationsSegment() {
        try (LocalLambdaRuntime lambda = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.tracing.handlers.FunctionalHandler::handleRequest")
                .xrayDaemonAddress(daemon.address())
                .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                .env("POWERTOOLS_SERVICE_NAME", "orders")
                .timeout(Duration.ofSeconds(20))
                .build()) {
            Invocation invocation = lambda.invoke("{\"id\":\"o-7\"}");
            assertEquals("\"ok\"", invocation.response().orElseThrow(), invocation::toString);
            JsonNode outer = daemon.awaitDocuments(1, Duration.ofSeconds(5),
                    d -> "## businessLogic1".equals(d.path("name").asText())).get(0);
            Documents.assertAllValid(daemon);
            assertEquals("subsegment", outer.path("type").asText());
            assertEquals(invocation.traceRoot().orElseThrow(), outer.path("trace_id").asText());
            assertEquals(invocation.traceParent().orElseThrow(), outer.path("parent_id").asText());
            assertEquals("o-7", outer.path("annotations").path("order").asText());
            JsonNode inner = Documents.child(outer, "## businessLogic2");
            assertEquals(2, inner.path("metadata").path("orders").path("step").asInt(), outer::toString);
            assertTrue(lambda.stderrLines().stream().noneMatch(l -> l.contains("outside a Lambda invocation")),
                    () -> String.join("\n", lambda.stderrLines()));
        }
    }
}
