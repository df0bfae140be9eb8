package dev.lambdalens.examples.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.core.InitializationType;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Priming, run during init as before a snapshot: it writes one log line and nothing else (no metric, no trace:
 * it belongs to no invocation), and the function then serves requests as usual.
 */
class SnapStartPrimingTest {
    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder().withXRayDaemon()
            .runtime(runtime -> Example.SNAPSTART.configure(runtime)
                    .handler(PrimedAtInitQuoteHandler.class.getName() + "::handleRequest")
                    .initializationType(InitializationType.SNAP_START))
            .build();

    @Test
    void primingWritesOneLogLineAndNoMetricOrTrace() {
        LAMBDA.runtime().start();
        List<JsonNode> initLines = LAMBDA.runtime().stdoutLines().stream().filter(line -> !line.isBlank())
                .map(line -> Telemetry.parseObject(line).orElseThrow(() -> new AssertionError("not JSON: " + line)))
                .toList();

        assertEquals(1, initLines.size(), initLines::toString);
        assertTrue(initLines.get(0).path("message").asText().startsWith("primed before the SnapStart snapshot"));
        assertTrue(initLines.get(0).path("function_request_id").isMissingNode(), "priming is no invocation");
        assertEquals(List.of(), LAMBDA.daemon().datagrams(), "priming sends no trace");

        Invocation invocation = LAMBDA.runtime().invoke(Example.SNAPSTART.event("get-quote.json"));
        Telemetry telemetry = Telemetry.of(invocation, LAMBDA.daemon());
        assertTrue(invocation.response().orElseThrow().contains("\\\"totalCents\\\":2670"), invocation::toString);
        OneTraceId.assertJoined(List.of(telemetry), LAMBDA.daemon());
    }
}
