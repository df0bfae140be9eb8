package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.handlers.RendezvousHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lambda Managed Instances mode: one child JVM runs several invocations at the same time. */
class ConcurrentInvocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 3;

    @Test
    void runsInvocationsAtTheSameTimeInOneJvmEachWithItsOwnRequestAndTrace() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(RendezvousHandler.class.getName() + "::handleRequest")
                .maxConcurrency(CONCURRENCY)
                .build()) {
            List<Invocation> invocations = runtime.invokeAll(
                    Collections.nCopies(CONCURRENCY, "{\"parties\":" + CONCURRENCY + "}"));

            Set<String> requestIds = invocations.stream().map(Invocation::requestId).collect(Collectors.toSet());
            assertEquals(CONCURRENCY, requestIds.size());
            for (Invocation invocation : invocations) {
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
                JsonNode report = read(invocation.response().orElseThrow());
                assertEquals(invocation.requestId(), report.path("requestId").asText());
                assertEquals(invocation.traceHeader(), report.path("xrayTraceId").asText());
                assertEquals(CONCURRENCY, report.path("seenInside").asInt(),
                        () -> "every invocation was inside the handler at once; child output: "
                                + runtime.stdoutLines() + runtime.stderrLines());
                // Overlapping invocations share the output files: a result holds its own line among others.
                assertTrue(invocation.stdout().contains("arrived " + invocation.requestId()),
                        invocation.stdout()::toString);
            }
            assertEquals(1, runtime.environmentsStarted());
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
