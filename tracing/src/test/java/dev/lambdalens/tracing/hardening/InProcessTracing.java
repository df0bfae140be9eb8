package dev.lambdalens.tracing.hardening;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.XRayDatagram;
import dev.lambdalens.testsupport.SharedSchemas;
import dev.lambdalens.tracing.LambdaTracing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plain-Java traced handler run in the test's JVM against a real {@link LocalXRayDaemon} over UDP, so that
 * the datagram size limit is the operating system's, not a test's assumption.
 */
final class InProcessTracing implements AutoCloseable {
    static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    static final String PARENT = "53995c3f42cd8ad8";

    final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final LensRuntime runtime = LensRuntime.builder()
            .configuration(Configuration.of(Map.of(
                    "AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                    "LAMBDA_LENS_TRACING_SDK_INTEROP", "false",
                    "POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true", "POWERTOOLS_TRACER_CAPTURE_ERROR", "true",
                    "POWERTOOLS_SERVICE_NAME", "svc")))
            .clock(Clock.systemUTC())
            .diagnostics(new Diagnostics(diagnostics::add))
            .systemProperties(key -> null)
            .build();

    /** Runs {@code body} as a sampled, traced handler; returns its result or throws what it throws. */
    <T> T invoke(BiFunction<Object, Object, T> body) {
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap(body::apply)
                .with(LambdaTracing.interceptor())
                .runtime(runtime)
                .build();
        return handler.handleRequest("event", TestContext.builder()
                .xrayTraceId("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1").build());
    }

    /** Every datagram has the daemon header, fits the daemon's limit, and holds a schema-valid document. */
    void assertAllValid() {
        for (XRayDatagram datagram : daemon.datagrams()) {
            assertTrue(datagram.hasValidHeader(), datagram::raw);
            assertTrue(datagram.raw().getBytes(StandardCharsets.UTF_8).length <= 64 * 1024,
                    () -> "datagram over 64 KB: " + datagram.raw().length());
            JsonNode document = datagram.document().orElseThrow(() -> new AssertionError("not JSON: " + datagram));
            assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, document), datagram::raw);
        }
    }

    /** The documents received whose name is {@code name}. */
    List<JsonNode> named(String name) {
        return daemon.documents().stream().filter(d -> name.equals(d.path("name").asText())).toList();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
