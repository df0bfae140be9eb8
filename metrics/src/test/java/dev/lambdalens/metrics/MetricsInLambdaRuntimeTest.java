package dev.lambdalens.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.lambdalens.metrics.EmfDocuments.parseAll;
import static dev.lambdalens.testing.CapturedMetrics.dimensionSetsIn;
import static dev.lambdalens.testing.CapturedMetrics.metricNamesIn;
import static dev.lambdalens.testing.CapturedMetrics.valuesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handlers run by the real AWS Lambda runtime interface client in a child JVM: the documents are read from the
 * function's own standard output, per invocation.
 */
class MetricsInLambdaRuntimeTest {

    private static void assertIds(Invocation invocation, List<JsonNode> documents) {
        assertTrue(!documents.isEmpty(), () -> "documents in " + invocation.stdout());
        for (JsonNode document : documents) {
            assertEquals(invocation.requestId(), document.path("function_request_id").asText());
            assertEquals(invocation.traceRoot().orElseThrow(), document.path("xray_trace_id").asText());
        }
    }

    private static List<JsonNode> withMetric(List<JsonNode> documents, String name) {
        return documents.stream().filter(d -> d.has(name)).toList();
    }

    @Test
    void theAnnotatedHandlerFlushesOnSuccessOnFailureAndBeforeATimeout() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.metrics.handlers.AnnotatedHandler::handleRequest")
                .timeout(Duration.ofSeconds(3))
                .env("POWERTOOLS_LOG_LEVEL", "DEBUG")
                .build()) {
            Invocation first = runtime.invoke("{\"mode\":\"ok\"}");
            Invocation second = runtime.invoke("{\"mode\":\"ok\"}");
            Invocation failed = runtime.invoke("{\"mode\":\"fail\"}");
            Invocation split = runtime.invoke("{\"mode\":\"split\"}");
            Invocation empty = runtime.invoke("{\"mode\":\"empty\"}");
            Invocation timedOut = runtime.invoke("{\"mode\":\"sleep\"}");

            // Success, with the cold-start document only in the first invocation.
            assertEquals(InvocationStatus.SUCCESS, first.status(), first::toString);
            List<JsonNode> firstDocuments = parseAll(first.stdout());
            assertIds(first, firstDocuments);
            JsonNode coldStart = withMetric(firstDocuments, "ColdStart").get(0);
            assertEquals(List.of(List.of("Service", "FunctionName")), dimensionSetsIn(coldStart));
            assertEquals("annotated", coldStart.path("Service").asText());
            assertEquals("local-function", coldStart.path("FunctionName").asText());
            JsonNode processed = withMetric(firstDocuments, "Processed").get(0);
            assertEquals("LensTest", processed.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
            assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(processed));
            List<JsonNode> secondDocuments = parseAll(second.stdout());
            assertIds(second, secondDocuments);
            assertEquals(List.of(), withMetric(secondDocuments, "ColdStart"));
            assertEquals(1, withMetric(secondDocuments, "Processed").size());

            // Failure: the error reaches Lambda, the metrics reach the log.
            assertEquals(InvocationStatus.FUNCTION_ERROR, failed.status());
            List<JsonNode> failedDocuments = parseAll(failed.stdout());
            assertIds(failed, failedDocuments);
            assertEquals(List.of(1.0), valuesIn(withMetric(failedDocuments, "BeforeFailure").get(0), "BeforeFailure"));

            // 150 metrics x 150 values: split into documents of at most 100 of each, nothing lost.
            List<JsonNode> splitDocuments = parseAll(split.stdout());
            assertIds(split, splitDocuments);
            assertEquals(4, splitDocuments.size());
            Map<String, Integer> valueCounts = new HashMap<>();
            splitDocuments.forEach(d -> metricNamesIn(d).forEach(
                    name -> valueCounts.merge(name, valuesIn(d, name).size(), Integer::sum)));
            assertEquals(150, valueCounts.size());
            valueCounts.values().forEach(count -> assertEquals(150, count));

            // Nothing recorded: nothing written, and (at debug level) said so on the one diagnostics path.
            assertEquals(List.of(), parseAll(empty.stdout()));
            assertTrue(empty.stderr().stream().anyMatch(l -> l.contains("dev.lambdalens") && l.contains("recorded no metric")),
                    empty.stderr()::toString);

            // A timeout: Lambda stops the function, yet the metrics were written before the deadline.
            assertEquals(InvocationStatus.TIMEOUT, timedOut.status());
            List<JsonNode> timeoutDocuments = parseAll(timedOut.stdout());
            assertIds(timedOut, timeoutDocuments);
            assertEquals(List.of(1.0), valuesIn(withMetric(timeoutDocuments, "BeforeTimeout").get(0), "BeforeTimeout"));
        }
    }

    @Test
    void eventSourceMetricsForSqsKinesisDynamoDbStreamsAndSns() {
        long now = System.currentTimeMillis();
        long oneMinuteAgo = now - 60_000;
        long twoMinutesAgo = now - 120_000;
        Map<String, String> events = Map.of(
                "sqs", "{\"Records\":[" + sqsRecord(oneMinuteAgo) + "," + sqsRecord(twoMinutesAgo) + "]}",
                "kinesis", "{\"Records\":[" + kinesisRecord(oneMinuteAgo) + "," + kinesisRecord(twoMinutesAgo) + "]}",
                "dynamodb", "{\"Records\":[" + dynamodbRecord(oneMinuteAgo) + "," + dynamodbRecord(twoMinutesAgo) + "]}",
                "sns", "{\"Records\":[" + snsRecord(twoMinutesAgo) + "]}");
        Map<String, String> sources = Map.of("sqs", "aws:sqs", "kinesis", "aws:kinesis", "dynamodb", "aws:dynamodb",
                "sns", "aws:sns");
        for (Map.Entry<String, String> entry : events.entrySet()) {
            String method = entry.getKey();
            try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                    .handler("dev.lambdalens.metrics.handlers.EventSourceHandler::" + method)
                    .build()) {
                Invocation invocation = runtime.invoke(entry.getValue());
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), () -> invocation + " " + invocation.stderr());
                List<JsonNode> documents = parseAll(invocation.stdout());
                assertIds(invocation, documents);
                JsonNode document = withMetric(documents, "BatchSize").get(0);
                int records = method.equals("sns") ? 1 : 2;
                assertEquals(List.of((double) records), valuesIn(document, "BatchSize"), method);
                assertEquals(sources.get(method), document.path("EventSource").asText());
                assertEquals(List.of(List.of("Service", "FunctionName", "EventSource")), dimensionSetsIn(document));
                List<Double> ages = valuesIn(document, "RecordAge");
                assertEquals(records, ages.size(), method);
                double oldest = valuesIn(document, "OldestRecordAge").get(0);
                // The record is two minutes old at the start of the invocation, plus the test's own latency.
                assertTrue(oldest >= 119_000 && oldest < 180_000, method + " oldest age " + oldest);
                assertEquals(oldest, ages.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), method);
                if (records == 2) {
                    assertTrue(ages.get(0) >= 59_000 && ages.get(0) < 120_000, method + " age " + ages.get(0));
                }
            }
        }
    }

    @Test
    void concurrentInvocationsInOneJvmKeepTheirMetricsApart() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.metrics.handlers.PlainJavaHandler::handleRequest")
                .maxConcurrency(4)
                .env("POWERTOOLS_METRICS_NAMESPACE", "LensPlain")
                .build()) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add("{\"index\":" + i + "}");
            }
            List<Invocation> invocations = runtime.invokeAll(events);

            List<JsonNode> all = parseAll(runtime.stdoutLines());
            assertEquals(8, all.size(), () -> String.join("\n", runtime.stdoutLines()));
            for (int i = 0; i < invocations.size(); i++) {
                Invocation invocation = invocations.get(i);
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
                List<JsonNode> own = all.stream()
                        .filter(d -> invocation.requestId().equals(d.path("function_request_id").asText())).toList();
                assertEquals(1, own.size());
                assertEquals(invocation.traceRoot().orElseThrow(), own.get(0).path("xray_trace_id").asText());
                assertEquals(List.of((double) i, (double) i), valuesIn(own.get(0), "Index"));
                assertEquals(List.of(i * 10.0), valuesIn(own.get(0), "Worker"));
                assertEquals("LensPlain",
                        own.get(0).path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
            }
        }
    }

    @Test
    void withoutAwsLambdaJavaEventsOnTheClassPathTheSwitchIsReportedOnceAndEverythingElseWorks() {
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutEvents = java.util.Arrays.stream(testClasspath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("aws-lambda-java-events") && !entry.contains("joda-time"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        assertTrue(withoutEvents.length() < testClasspath.length(), "the events jar was on the test class path");
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.metrics.handlers.PlainJavaHandler::handleRequest")
                .classpath(withoutEvents)
                .env("POWERTOOLS_METRICS_NAMESPACE", "LensPlain")
                .env("LAMBDA_LENS_METRICS_EVENT_SOURCE", "true")
                .build()) {
            Invocation first = runtime.invoke("{\"index\":1}");
            Invocation second = runtime.invoke("{\"index\":2}");

            for (Invocation invocation : List.of(first, second)) {
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), () -> invocation + " " + invocation.stderr());
                List<JsonNode> documents = parseAll(invocation.stdout());
                assertIds(invocation, documents);
                assertEquals(1, documents.size());
            }
            List<String> reports = runtime.stderrLines().stream()
                    .filter(line -> line.contains("aws-lambda-java-events is not on the class path")).toList();
            assertEquals(1, reports.size(), runtime.stderrLines()::toString);
        }
    }

    private static String sqsRecord(long sentMillis) {
        return "{\"messageId\":\"059f36b4-87a3-44ab-83d2-661975830a7d\",\"receiptHandle\":\"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a\","
                + "\"body\":\"test\",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"" + sentMillis
                + "\",\"SenderId\":\"AIDAIENQZJOLO23YVJ4VO\",\"ApproximateFirstReceiveTimestamp\":\"" + (sentMillis + 5)
                + "\"},\"messageAttributes\":{},\"md5OfBody\":\"098f6bcd4621d373cade4e832627b4f6\","
                + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:queue\","
                + "\"awsRegion\":\"us-east-1\"}";
    }

    private static String kinesisRecord(long arrivalMillis) {
        return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"1\","
                + "\"sequenceNumber\":\"49590338271490256608559692538361571095921575989136588898\","
                + "\"data\":\"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==\",\"approximateArrivalTimestamp\":"
                + (arrivalMillis / 1000) + "." + String.format("%03d", arrivalMillis % 1000) + "},"
                + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\","
                + "\"eventID\":\"shardId-000000000006:49590338271490256608559692538361571095921575989136588898\","
                + "\"eventName\":\"aws:kinesis:record\",\"invokeIdentityArn\":\"arn:aws:iam::123456789012:role/role\","
                + "\"awsRegion\":\"us-east-1\",\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}";
    }

    private static String dynamodbRecord(long createdMillis) {
        return "{\"eventID\":\"c4ca4238a0b923820dcc509a6f75849b\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":"
                + (createdMillis / 1000) + ",\"Keys\":{\"Id\":{\"N\":\"101\"}},\"NewImage\":{\"Id\":{\"N\":\"101\"}},"
                + "\"SequenceNumber\":\"4421584500000000017450439091\",\"SizeBytes\":26,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2015-06-27T00:48:05.899\"}";
    }

    private static String snsRecord(long publishedMillis) {
        return "{\"EventVersion\":\"1.0\",\"EventSubscriptionArn\":\"arn:aws:sns:us-east-1:123456789012:t:sub\","
                + "\"EventSource\":\"aws:sns\",\"Sns\":{\"SignatureVersion\":\"1\",\"Timestamp\":\""
                + java.time.Instant.ofEpochMilli(publishedMillis) + "\",\"Signature\":\"tcc6faL2yUC6dgZdmrwh1Y4cGa\","
                + "\"SigningCertUrl\":\"https://sns.us-east-1.amazonaws.com/cert.pem\",\"MessageId\":\"95df01b4-ee98-5cb9-9903-4c221d41eb5e\","
                + "\"Message\":\"Hello from SNS!\",\"MessageAttributes\":{},\"Type\":\"Notification\","
                + "\"UnsubscribeUrl\":\"https://sns.us-east-1.amazonaws.com/unsub\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:t\","
                + "\"Subject\":\"TestInvoke\"}}";
    }
}
