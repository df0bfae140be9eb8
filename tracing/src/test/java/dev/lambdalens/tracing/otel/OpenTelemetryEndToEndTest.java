package dev.lambdalens.tracing.otel;

import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.internal.TestClasspath;
import dev.lambdalens.tracing.handlers.OtelPlainHandler;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend choice through the real runtime client in a child JVM, with its class-loading log. */
class OpenTelemetryEndToEndTest {
    private static final String PLAIN = "dev.lambdalens.tracing.handlers.PlainHandler::handleRequest";

    private static List<String> openTelemetryClassesLoaded(LocalLambdaRuntime runtime) {
        assertTrue(runtime.stdoutLines().stream().anyMatch(line -> line.contains("] dev.lambdalens.tracing.internal.Span ")),
                "the class loading log is there");
        return runtime.stdoutLines().stream().filter(line -> line.contains("] io.opentelemetry."))
                .map(line -> line.replaceAll(".*\\] (io\\.opentelemetry\\.\\S+).*", "$1")).toList();
    }

    @Test
    void withoutOpenTelemetryOnTheClassPathNoneOfItIsLoadedAndSubsegmentsGoToXRay() {
        String withoutOtel = Arrays.stream(TestClasspath.current().split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry")).collect(Collectors.joining(File.pathSeparator));
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(PLAIN)
                     .classpath(withoutOtel)
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .jvmArg("-Xlog:class+load=info:stdout")
                     .build()) {
            assertEquals("\"total=42\"", runtime.invoke("{\"n\":1}").response().orElseThrow());
            assertEquals("## handleRequest", daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).path("name").asText());
            assertEquals(List.of(), openTelemetryClassesLoaded(runtime));
        }
    }

    @Test
    void otelWithoutTheApiIsReportedOnceAndXRayIsUsed() {
        String withoutOtel = Arrays.stream(TestClasspath.current().split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry")).collect(Collectors.joining(File.pathSeparator));
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(PLAIN)
                     .classpath(withoutOtel)
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .env("LAMBDA_LENS_TRACING_BACKEND", "otel")
                     .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true").env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true")
                     .build()) {
            runtime.invoke("{\"n\":1}");
            runtime.invoke("{\"n\":2}");
            assertEquals(2, daemon.awaitDocuments(2, Duration.ofSeconds(5)).size());
            List<String> reported = runtime.stderrLines().stream()
                    .filter(line -> line.contains("LAMBDA_LENS_TRACING_BACKEND=otel")).toList();
            assertEquals(1, reported.size(), () -> "" + runtime.stderrLines());
            assertTrue(reported.get(0).contains("not on the class path"), reported.get(0));
        }
    }

    @Test
    void withTheApiButNoSdkRegisteredOnlyTheRegistrationCheckIsLoadedAndXRayIsUnchanged() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(PLAIN)
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .jvmArg("-Xlog:class+load=info:stdout")
                     .build()) {
            assertEquals("\"total=42\"", runtime.invoke("{\"n\":1}").response().orElseThrow());
            assertEquals("## handleRequest", daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).path("name").asText());
            // Asking GlobalOpenTelemetry.isSet() loads that class and the interface it holds, nothing else.
            assertEquals(List.of("io.opentelemetry.api.GlobalOpenTelemetry", "io.opentelemetry.api.OpenTelemetry"),
                    openTelemetryClassesLoaded(runtime));
        }
    }

    @Test
    void theXRayBackendLooksAtNoOpenTelemetryClassEvenWithTheApiOnTheClassPath() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler(PLAIN)
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .env("LAMBDA_LENS_TRACING_BACKEND", "xray")
                     .jvmArg("-Xlog:class+load=info:stdout")
                     .build()) {
            assertEquals("\"total=42\"", runtime.invoke("{\"n\":1}").response().orElseThrow());
            assertEquals("## handleRequest", daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0).path("name").asText());
            assertEquals(List.of(), openTelemetryClassesLoaded(runtime));
        }
    }

    @Test
    void withAnSdkRegisteredAtInitTheInvocationIsOpenTelemetrySpansUnderTheLambdaSegment() {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler("dev.lambdalens.tracing.handlers.OtelPlainHandler::handleRequest")
                     .xrayDaemonAddress(daemon.address())
                     .env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true")
                     .build()) {
            Invocation ok = runtime.invoke("{\"n\":1}");
            Invocation failed = runtime.invoke("{\"fail\":true}");
            assertEquals("\"total=42\"", ok.response().orElseThrow());
            assertFalse(failed.succeeded());
            List<String[]> spans = runtime.stdoutLines().stream().filter(line -> line.startsWith(OtelPlainHandler.SPAN_LINE))
                    .map(line -> line.substring(OtelPlainHandler.SPAN_LINE.length()).split("\t")).toList();
            assertEquals(4, spans.size(), () -> "" + runtime.stdoutLines());
            String okTrace = ok.traceRoot().orElseThrow().substring(2).replace("-", "");
            String[] compute = spans.get(0);
            String[] handler = spans.get(1);
            assertEquals("## compute", compute[0]);
            assertEquals("## handleRequest", handler[0]);
            assertEquals(okTrace, handler[1]);
            assertEquals(ok.traceParent().orElseThrow(), handler[3], "the handler span's parent is Lambda's segment");
            assertEquals(handler[2], compute[3]);
            assertEquals(okTrace, compute[1]);
            assertTrue(handler[5].contains("ColdStart=true") && handler[5].contains("total=42")
                    && handler[5].contains("aws.xray.annotations=[ColdStart, Service, total]"), handler[5]);
            assertEquals("UNSET", handler[4]);
            String[] failedHandler = spans.get(3);
            assertEquals("## handleRequest", failedHandler[0]);
            assertEquals("ERROR", failedHandler[4]);
            assertTrue(failedHandler[5].contains("error.type=java.lang.IllegalArgumentException"), failedHandler[5]);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertEquals(List.of(), daemon.datagrams(), "nothing goes to the X-Ray daemon, priming included");
        }
    }
}
