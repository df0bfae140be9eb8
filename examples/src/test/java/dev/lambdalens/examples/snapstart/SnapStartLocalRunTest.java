package dev.lambdalens.examples.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.core.InitializationType;
import dev.lambdalens.testing.LocalLambdaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quote function as a SnapStart environment sees it ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}):
 * no invocation is a cold start, since the initialization ran before the snapshot. The snapshot itself and the
 * restore need Lambda; they are not simulated here.
 */
class SnapStartLocalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Example EXAMPLE = Example.SNAPSTART;

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder().withXRayDaemon()
            .runtime(runtime -> EXAMPLE.configure(runtime).initializationType(InitializationType.SNAP_START))
            .build();

    private static Telemetry first;
    private static Telemetry second;

    @BeforeAll
    static void invokeTwice() {
        first = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("get-quote.json")), LAMBDA.daemon());
        second = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("get-quote.json")), LAMBDA.daemon());
    }

    @Test
    void quotesThePrice() throws Exception {
        JsonNode response = JSON.readTree(first.invocation().response().orElseThrow());

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals(3 * 890, JSON.readTree(response.path("body").asText()).path("totalCents").asLong());
    }

    @Test
    void theFirstInvocationAfterARestoreIsNoColdStart() {
        assertTrue(first.metric("ColdStart").isEmpty(), "no ColdStart metric after a SnapStart restore");
        JsonNode handler = first.subsegments("## handleRequest").get(0);
        assertEquals(false, handler.path("annotations").path("ColdStart").asBoolean(true), handler::toString);
        assertEquals(1.0, first.metric("Quotes").orElseThrow().asDouble());
    }

    @Test
    void joinsLogsMetricsAndTracesOnOneTraceIdPerInvocation() {
        OneTraceId.assertJoined(List.of(first, second), LAMBDA.daemon());
    }
}
