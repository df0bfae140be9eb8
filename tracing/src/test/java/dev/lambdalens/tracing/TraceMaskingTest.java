package dev.lambdalens.tracing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.XRayDatagram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no masking configured, secrets in what spans record from user data never reach a datagram. */
class TraceMaskingTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final List<String> SECRETS = List.of("s-1", "at-1", "hunter2", "pw-2", "4111111111111111",
            "tok-3", "cs-4", "AKIAIOSFODNN7EXAMPLE");

    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        daemon.close();
    }

    private <T> T invoke(Supplier<T> body) {
        LensRuntime runtime = LensRuntime.builder()
                .configuration(Configuration.of(Map.of("AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                        "LAMBDA_LENS_TRACING_SDK_INTEROP", "false", "POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true", "POWERTOOLS_TRACER_CAPTURE_ERROR", "true", "POWERTOOLS_SERVICE_NAME", "svc")))
                .diagnostics(new Diagnostics(diagnostics::add))
                .systemProperties(key -> null)
                .build();
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap((event, context) -> body.get())
                .with(LambdaTracing.interceptor()).runtime(runtime).build();
        return handler.handleRequest("event", TestContext.builder()
                .xrayTraceId("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1").build());
    }

    private String allDatagrams(int documents) {
        daemon.awaitDocuments(documents, Duration.ofSeconds(5));
        StringBuilder all = new StringBuilder();
        for (XRayDatagram datagram : daemon.datagrams()) {
            all.append(datagram.raw()).append('\n');
        }
        return all.toString();
    }

    @Test
    void capturedResponsesMetadataAndAnnotationsAreMasked() {
        invoke(() -> LambdaTracing.withSubsegment("## step", s -> {
            s.putAnnotation("session_token", "tok-3");
            s.putAnnotation("note", "password=hunter2");
            s.putMetadata("db_password", "pw-2");
            s.putMetadata("request", Map.of("client_secret", "cs-4", "card", 4111111111111111L,
                    "key", "AKIAIOSFODNN7EXAMPLE"));
            return Map.of("headers", Map.of("Set-Cookie", "sid=s-1"), "body", "{\"access_token\":\"at-1\"}");
        }));
        String datagrams = allDatagrams(1);
        for (String secret : SECRETS) {
            assertFalse(datagrams.contains(secret), secret + " leaked:\n" + datagrams);
        }
        assertTrue(datagrams.contains("\"session_token\":\"****\""), datagrams);
        assertTrue(datagrams.contains("password=****"), datagrams);
        assertTrue(datagrams.contains("access_token\\\":\\\"****"), datagrams);
    }

    @Test
    void theMessageOfARecordedErrorIsMasked() {
        assertThrows(IllegalStateException.class, () -> invoke(() -> {
            throw new IllegalStateException("rejected token=tok-3 for password: hunter2");
        }));
        String datagrams = allDatagrams(1);
        assertFalse(datagrams.contains("tok-3") || datagrams.contains("hunter2"), datagrams);
        assertTrue(datagrams.contains("rejected token=****"), datagrams);
    }
}
