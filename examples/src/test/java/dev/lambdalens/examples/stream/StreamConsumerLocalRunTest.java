package dev.lambdalens.examples.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.testing.LocalLambdaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream consumer's sample batches through the real runtime client, with a local X-Ray daemon. */
class StreamConsumerLocalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Example EXAMPLE = Example.STREAM_CONSUMER;

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder().withXRayDaemon()
            .runtime(EXAMPLE::configure).build();

    private static Telemetry applied;
    private static Telemetry stopped;

    @BeforeAll
    static void invokeBothSampleBatches() {
        applied = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("dynamodb-batch.json")), LAMBDA.daemon());
        stopped = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("dynamodb-batch-with-bad-record.json")),
                LAMBDA.daemon());
    }

    @Test
    void appliesAGoodBatchWhole() throws Exception {
        assertEquals(0, JSON.readTree(applied.invocation().response().orElseThrow()).path("batchItemFailures").size());
        assertEquals(4, applied.logsWithMessage("customer totals updated").size());
        assertEquals(4.0, applied.metric("AppliedRecords").orElseThrow().asDouble());
        assertEquals(4, applied.subsegments("## apply").size());
    }

    @Test
    void stopsAtTheFirstBadRecordAndReportsItsSequenceNumber() throws Exception {
        JsonNode response = JSON.readTree(stopped.invocation().response().orElseThrow());

        assertEquals(1, response.path("batchItemFailures").size(), response::toString);
        assertEquals("111100000000000000005", response.path("batchItemFailures").path(0).path("itemIdentifier").asText());
        assertEquals(1, stopped.logsWithMessage("customer totals updated").size(),
                "the record after the bad one must wait for it");
        assertEquals(1.0, stopped.metric("FailedRecords").orElseThrow().asDouble());
        JsonNode error = stopped.logLines().stream().filter(line -> "ERROR".equals(line.path("level").asText()))
                .findFirst().orElseThrow();
        assertEquals("e4da3b7fbbce2345d7772b0674a318d5", error.path("correlation_id").asText(), error::toString);
    }

    @Test
    void measuresHowFarTheConsumerLags() {
        assertTrue(applied.metric("OldestRecordAge").orElseThrow().asDouble() > 0);
        assertEquals(4.0, applied.metric("BatchSize").orElseThrow().asDouble());
    }

    @Test
    void joinsLogsMetricsAndTracesOnOneTraceIdPerInvocation() {
        OneTraceId.assertJoined(List.of(applied, stopped), LAMBDA.daemon());
    }
}
