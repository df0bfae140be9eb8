package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "One ID joins everything": the checks every example's local run must pass.
 * <ul>
 *   <li>every line the function writes to stdout is a JSON object (a log line or an EMF document), and it
 *       writes nothing to stderr (where Lambda Lens would report a problem of its own);</li>
 *   <li>every log line and every EMF document carries the Root of the trace header the runtime sent as
 *       {@code xray_trace_id}, and the invocation's request id as {@code function_request_id};</li>
 *   <li>every X-Ray document the daemon got belongs to the trace of one of the invocations, and each sampled
 *       invocation sent some;</li>
 *   <li>nothing written for one invocation names another's request id or trace id;</li>
 *   <li>EMF and X-Ray documents are valid against the shared schemas.</li>
 * </ul>
 */
public final class OneTraceId {
    private OneTraceId() {
    }

    public static void assertJoined(List<Telemetry> invocations, LocalXRayDaemon daemon) {
        for (Telemetry telemetry : invocations) {
            String root = telemetry.invocation().traceRoot().orElseThrow();
            String requestId = telemetry.invocation().requestId();
            String where = "invocation " + requestId + " (trace " + root + ")";

            assertEquals(List.of(), telemetry.otherLines(), where + ": stdout lines that are not JSON");
            assertEquals(List.of(), telemetry.invocation().stderr().stream().filter(line -> !line.isBlank()).toList(),
                    where + ": stderr (Lambda Lens reports its own problems there)");
            assertFalse(telemetry.logLines().isEmpty(), where + ": no log line");
            assertFalse(telemetry.emfDocuments().isEmpty(), where + ": no EMF document");
            for (JsonNode line : telemetry.logLines()) {
                assertEquals(root, line.path("xray_trace_id").asText(null), where + ": log line " + line);
                assertEquals(requestId, line.path("function_request_id").asText(null), where + ": log line " + line);
            }
            for (JsonNode document : telemetry.emfDocuments()) {
                assertEquals(root, document.path("xray_trace_id").asText(null), where + ": EMF " + document);
                assertEquals(requestId, document.path("function_request_id").asText(null), where + ": EMF " + document);
                assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.EMF, document), where + ": EMF " + document);
            }
            if (telemetry.invocation().traceHeader().contains("Sampled=1")) {
                assertFalse(telemetry.xrayDocuments().isEmpty(), where + ": no X-Ray document");
            }
            for (JsonNode document : telemetry.xrayDocuments()) {
                assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, document),
                        where + ": X-Ray " + document);
            }
            for (Telemetry other : invocations) {
                if (other != telemetry) {
                    assertCarriesNothingOf(telemetry, other, where);
                }
            }
        }
        Set<String> roots = invocations.stream().map(t -> t.invocation().traceRoot().orElseThrow())
                .collect(Collectors.toSet());
        for (JsonNode document : daemon.documents()) {
            assertTrue(roots.contains(document.path("trace_id").asText()), "an X-Ray document of no invocation: "
                    + document);
        }
    }

    private static void assertCarriesNothingOf(Telemetry telemetry, Telemetry other, String where) {
        String otherRoot = other.invocation().traceRoot().orElseThrow();
        String otherRequestId = other.invocation().requestId();
        List<String> written = new java.util.ArrayList<>(telemetry.invocation().stdout());
        telemetry.xrayDocuments().forEach(document -> written.add(document.toString()));
        for (String text : written) {
            assertFalse(text.contains(otherRoot) || text.contains(otherRequestId),
                    where + " wrote the ids of invocation " + otherRequestId + ": " + text);
        }
    }
}
