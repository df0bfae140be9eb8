package dev.lambdalens.examples.queue;

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

/** The queue worker's sample batch (two good messages around a broken one) through the real runtime client. */
class QueueWorkerLocalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Example EXAMPLE = Example.QUEUE_WORKER;
    private static final String BROKEN_MESSAGE = "2e1424d4-f796-459a-8184-9c92662be6da";

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder().withXRayDaemon()
            .runtime(EXAMPLE::configure).build();

    private static Telemetry first;
    private static Telemetry again;

    @BeforeAll
    static void invokeTheSampleBatchTwice() {
        first = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("sqs-batch.json")), LAMBDA.daemon());
        again = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("sqs-batch.json")), LAMBDA.daemon());
    }

    @Test
    void reportsOnlyTheBrokenMessageAsFailed() throws Exception {
        JsonNode response = JSON.readTree(first.invocation().response().orElseThrow());

        assertEquals(1, response.path("batchItemFailures").size(), response::toString);
        assertEquals(BROKEN_MESSAGE, response.path("batchItemFailures").path(0).path("itemIdentifier").asText());
    }

    @Test
    void logsEachRecordWithItsMessageIdAsCorrelationId() {
        List<JsonNode> booked = first.logsWithMessage("shipment booked");
        assertEquals(2, booked.size());
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", booked.get(0).path("correlation_id").asText());
        assertEquals("c80e8021-a70a-42c7-a470-796e1186f753", booked.get(1).path("correlation_id").asText());

        JsonNode failure = first.logLines().stream().filter(line -> "ERROR".equals(line.path("level").asText()))
                .findFirst().orElseThrow();
        assertEquals(BROKEN_MESSAGE, failure.path("correlation_id").asText(), failure::toString);
        assertTrue(again.logsWithMessage("shipment was already booked (a message delivered twice)").size() == 2,
                "a redelivered message is booked once");
    }

    @Test
    void measuresFailedRecordsAndHowOldTheRecordsAre() {
        assertEquals(2.0, first.metric("ProcessedRecords").orElseThrow().asDouble());
        assertEquals(1.0, first.metric("FailedRecords").orElseThrow().asDouble());
        assertEquals(3.0, first.metric("BatchSize").orElseThrow().asDouble());
        assertTrue(first.metric("OldestRecordAge").orElseThrow().asDouble() > 0);
        assertEquals(3, first.metric("RecordAge").orElseThrow().size(), "one age per record");
    }

    @Test
    void tracesEachRecordInItsOwnSubsegmentAndMarksTheFailedOne() {
        List<JsonNode> records = first.subsegments("## message");

        assertEquals(3, records.size());
        JsonNode broken = records.stream().filter(r -> BROKEN_MESSAGE.equals(r.path("annotations").path("MessageId").asText()))
                .findFirst().orElseThrow();
        assertTrue(broken.path("fault").asBoolean() || broken.path("error").asBoolean(), broken::toString);
    }

    @Test
    void joinsLogsMetricsAndTracesOnOneTraceIdPerInvocation() {
        OneTraceId.assertJoined(List.of(first, again), LAMBDA.daemon());
    }
}
