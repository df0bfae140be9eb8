package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdalens.testsupport.SharedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example's {@code template.yaml}: valid against the published AWS SAM schema (read from
 * {@code <project root>/../shared/schemas/}, skipped with a message when absent), and deploying what the
 * examples promise: the handler that exists, X-Ray tracing, the Powertools variables, a log group with a
 * retention, and alarms only where customers are affected or data falls behind.
 */
class SamTemplatesTest {

    static Example[] examples() {
        return Example.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesAgainstTheSamSchema(Example example) {
        assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.SAM, example.template()));
    }

    @Test
    void theSchemaCheckCanFail() {
        JsonNode broken = Example.ORDERS_API.template().deepCopy();
        ((ObjectNode) broken.path("Globals").path("Function")).put("Tracing", "Sometimes");

        assertFalse(SharedSchemas.violations(SharedSchemas.SAM, broken).isEmpty(), "a wrong Tracing mode must fail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void deploysAnExistingHandlerBuiltBySamFromThisModule(Example example) throws Exception {
        String handler = example.handler();
        String className = handler.substring(0, handler.indexOf("::"));
        assertDoesNotThrow(() -> Class.forName(className, false, getClass().getClassLoader()), handler);
        assertEquals("..", example.function().path("CodeUri").asText());
        assertTrue(Files.isRegularFile(example.folder().resolve(example.function().path("CodeUri").asText())
                .resolve("pom.xml")), "CodeUri must be the Maven module that sam build builds");
        assertTrue(Files.list(example.folder().resolve("events")).findAny().isPresent(), "sample events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void tracesAndConfiguresLambdaLensThroughTheEnvironment(Example example) {
        JsonNode globals = example.template().path("Globals").path("Function");
        Map<String, String> environment = example.environment();

        assertEquals("Active", globals.path("Tracing").asText());
        assertFalse(environment.getOrDefault("POWERTOOLS_SERVICE_NAME", "").isBlank());
        assertEquals("LambdaLensExamples", environment.get("POWERTOOLS_METRICS_NAMESPACE"));
        assertEquals("INFO", environment.get("POWERTOOLS_LOG_LEVEL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void logsToItsOwnLogGroupWithARetention(Example example) {
        String logGroupId = example.function().path("LoggingConfig").path("LogGroup").path("Ref").asText();
        JsonNode logGroup = example.template().path("Resources").path(logGroupId);

        assertEquals("AWS::Logs::LogGroup", logGroup.path("Type").asText(), logGroupId);
        assertTrue(logGroup.path("Properties").path("RetentionInDays").asInt() > 0);
        assertEquals("/aws/lambda/" + example.function().path("FunctionName").asText(),
                logGroup.path("Properties").path("LogGroupName").asText());
    }

    @Test
    void alarmsOnlyWhereCustomersAreAffectedOrDataFallsBehind() {
        assertEquals(List.of("AWS/ApiGateway 5XXError"), alarms(Example.ORDERS_API));
        assertEquals(List.of("AWS/ApiGateway 5XXError"), alarms(Example.PLAIN_JAVA));
        assertEquals(List.of("AWS/ApiGateway 5XXError"), alarms(Example.SNAPSTART));
        assertEquals(List.of("AWS/SQS ApproximateAgeOfOldestMessage", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                alarms(Example.QUEUE_WORKER));
        assertEquals(List.of("AWS/Lambda IteratorAge", "AWS/SQS ApproximateNumberOfMessagesVisible"),
                alarms(Example.STREAM_CONSUMER));
    }

    @Test
    void theQueueWorkerReportsPartialFailuresAndDeadLettersAfterThreeAttempts() {
        JsonNode resources = Example.QUEUE_WORKER.template().path("Resources");
        JsonNode event = Example.QUEUE_WORKER.function().path("Events").path("Shipments").path("Properties");
        JsonNode redrive = resources.path("ShipmentQueue").path("Properties").path("RedrivePolicy");

        assertEquals("ReportBatchItemFailures", event.path("FunctionResponseTypes").path(0).asText());
        assertEquals("ShipmentDeadLetterQueue", redrive.path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText());
        assertEquals(3, redrive.path("maxReceiveCount").asInt());
        assertTrue(resources.path("ShipmentQueue").path("Properties").path("VisibilityTimeout").asInt()
                >= 6 * Example.QUEUE_WORKER.template().path("Globals").path("Function").path("Timeout").asInt());
    }

    @Test
    void theStreamConsumerReadsBothImagesAndKeepsWhatItGivesUpOn() {
        JsonNode resources = Example.STREAM_CONSUMER.template().path("Resources");
        JsonNode event = Example.STREAM_CONSUMER.function().path("Events").path("OrderChanges").path("Properties");

        assertEquals("NEW_AND_OLD_IMAGES",
                resources.path("OrdersTable").path("Properties").path("StreamSpecification").path("StreamViewType").asText());
        assertEquals("ReportBatchItemFailures", event.path("FunctionResponseTypes").path(0).asText());
        assertEquals("StreamFailuresQueue",
                event.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt").path(0).asText());
    }

    @Test
    void theSnapStartFunctionIsSnapshottedOnPublishedVersionsBehindAnAlias() {
        JsonNode function = Example.SNAPSTART.function();

        assertEquals("PublishedVersions", function.path("SnapStart").path("ApplyOn").asText());
        assertFalse(function.path("AutoPublishAlias").asText().isBlank());
    }

    private static List<String> alarms(Example example) {
        List<String> alarms = new ArrayList<>();
        for (JsonNode resource : example.template().path("Resources")) {
            if ("AWS::CloudWatch::Alarm".equals(resource.path("Type").asText())) {
                alarms.add(resource.path("Properties").path("Namespace").asText() + " "
                        + resource.path("Properties").path("MetricName").asText());
            }
        }
        alarms.sort(null);
        return alarms;
    }
}
