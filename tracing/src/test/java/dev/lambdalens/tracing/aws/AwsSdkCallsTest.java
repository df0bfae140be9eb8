package dev.lambdalens.tracing.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.tracing.AwsSdkTracing;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.handlers.AwsClients;
import dev.lambdalens.tracing.handlers.LocalAwsEndpoint;
import dev.lambdalens.tracing.handlers.LocalAwsEndpoint.Reply;
import dev.lambdalens.testing.XRayDatagram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS SDK v2 calls recorded by Lambda Lens's own interceptor (found on the class path, as in a function), with
 * real clients against {@link LocalAwsEndpoint}, through the plain-Java handler API in this JVM.
 */
class AwsSdkCallsTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final String LINEAGE = "a87bd80c:1|68fd508a:5";

    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final LocalAwsEndpoint aws = LocalAwsEndpoint.start();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        aws.close();
        daemon.close();
    }

    private LensRuntime runtime(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "AWS_XRAY_DAEMON_ADDRESS", daemon.address(),
                "LAMBDA_LENS_TRACING_SDK_INTEROP", "false",
                "POWERTOOLS_SERVICE_NAME", "svc"));
        config.putAll(extra);
        return LensRuntime.builder()
                .configuration(Configuration.of(config))
                .diagnostics(new Diagnostics(diagnostics::add))
                .systemProperties(key -> null)
                .build();
    }

    private <T> T invoke(LensRuntime runtime, String header, Supplier<T> body) {
        RequestHandler<String, T> handler = ObservedHandler.<String, T>wrap((event, context) -> body.get())
                .with(LambdaTracing.interceptor())
                .runtime(runtime)
                .build();
        return handler.handleRequest("event", TestContext.builder().xrayTraceId(header).build());
    }

    private <T> T invoke(Supplier<T> body) {
        return invoke(runtime(Map.of()), "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=" + LINEAGE,
                body);
    }

    /** The handler document of the one invocation, every datagram checked against the schema. */
    private JsonNode handlerDocument() {
        JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
        assertAllValid();
        assertEquals("## handleRequest", handler.path("name").asText(), handler::toString);
        return handler;
    }

    private void assertAllValid() {
        assertTrue(daemon.datagramsWithoutValidHeader().isEmpty(), () -> "" + daemon.datagramsWithoutValidHeader());
        for (XRayDatagram datagram : daemon.datagrams()) {
            assertTrue(datagram.document().isPresent(), datagram::raw);
            assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, datagram.document().get()),
                    datagram::raw);
        }
    }

    private static List<JsonNode> children(JsonNode node, String name) {
        List<JsonNode> found = new ArrayList<>();
        node.path("subsegments").forEach(child -> {
            if (name.equals(child.path("name").asText())) {
                found.add(child);
            }
        });
        return found;
    }

    private static JsonNode onlyChild(JsonNode node, String name) {
        List<JsonNode> found = children(node, name);
        assertEquals(1, found.size(), () -> name + " under " + node);
        return found.get(0);
    }

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return AwsClients.dynamoDb(endpoint);
    }

    @Test
    void aDynamoDbCallIsASubsegmentOfTheHandlerWithTheFieldsXRayReadsAndPassesTheTraceOn() {
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> client.getItem(r -> r.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1")))));
        }
        JsonNode handler = handlerDocument();
        JsonNode call = onlyChild(handler, "DynamoDb");
        assertEquals("aws", call.path("namespace").asText());
        JsonNode fields = call.path("aws");
        assertEquals("GetItem", fields.path("operation").asText());
        assertEquals("us-east-1", fields.path("region").asText());
        assertEquals("orders", fields.path("table_name").asText());
        assertEquals("req-1", fields.path("request_id").asText());
        assertEquals(0, fields.path("retries").asInt(-1));
        assertEquals(200, call.path("http").path("response").path("status").asInt());
        assertEquals("{\"Item\":{\"id\":{\"S\":\"o-1\"}}}".length(),
                call.path("http").path("response").path("content_length").asInt());
        assertFalse(call.has("error") || call.has("fault") || call.has("throttle") || call.has("cause"),
                call::toString);
        assertTrue(call.path("start_time").asDouble() >= handler.path("start_time").asDouble());
        assertTrue(call.path("end_time").asDouble() <= handler.path("end_time").asDouble());

        LocalAwsEndpoint.Request request = aws.requests().get(0);
        assertEquals("Root=" + ROOT + ";Parent=" + call.path("id").asText() + ";Sampled=1;Lineage=" + LINEAGE,
                request.header("X-Amzn-Trace-Id"));
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void batchCallsNameTheirTablesAndNestedSubsegmentsAreTheParent() {
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> LambdaTracing.withSubsegment("## load", () -> client.batchGetItem(r -> r.requestItems(Map.of(
                    "orders", KeysAndAttributes.builder().keys(Map.of("id", AttributeValue.fromS("1"))).build(),
                    "customers", KeysAndAttributes.builder().keys(Map.of("id", AttributeValue.fromS("2"))).build())))));
        }
        JsonNode call = onlyChild(onlyChild(handlerDocument(), "## load"), "DynamoDb");
        assertEquals("BatchGetItem", call.path("aws").path("operation").asText());
        Set<String> tables = new HashSet<>();
        call.path("aws").path("table_names").forEach(name -> tables.add(name.asText()));
        assertEquals(Set.of("orders", "customers"), tables);
        assertFalse(call.path("aws").has("table_name"));
    }

    @Test
    void sqsSpeaksJsonAndRecordsTheQueueUrl() {
        String queue = aws.uri() + "/123456789012/orders";
        try (SqsClient client = AwsClients.sqs(aws.uri())) {
            invoke(() -> client.sendMessage(r -> r.queueUrl(queue).messageBody("hello")));
        }
        JsonNode call = onlyChild(handlerDocument(), "Sqs");
        assertEquals("SendMessage", call.path("aws").path("operation").asText());
        assertEquals(queue, call.path("aws").path("queue_url").asText());
        assertEquals("req-1", call.path("aws").path("request_id").asText());
        LocalAwsEndpoint.Request request = aws.requests().get(0);
        assertEquals("AmazonSQS.SendMessage", request.header("X-Amz-Target"), "SDK 2.59 uses SQS's JSON protocol");
        assertTrue(request.header("X-Amzn-Trace-Id").contains(";Parent=" + call.path("id").asText() + ";"));
    }

    @Test
    void s3RecordsBucketKeyAndBothRequestIds() {
        try (S3Client client = AwsClients.s3(aws.uri())) {
            assertEquals("object-body", invoke(() -> client.getObjectAsBytes(r -> r.bucket("invoices").key("2026/o-1.pdf"))
                    .asUtf8String()));
        }
        JsonNode call = onlyChild(handlerDocument(), "S3");
        JsonNode fields = call.path("aws");
        assertEquals("GetObject", fields.path("operation").asText());
        assertEquals("us-west-2", fields.path("region").asText());
        assertEquals("invoices", fields.path("bucket_name").asText());
        assertEquals("2026/o-1.pdf", fields.path("key").asText());
        assertEquals("req-1", fields.path("request_id").asText());
        assertEquals("id2-req-1", fields.path("id_2").asText());
        assertEquals("/invoices/2026/o-1.pdf", aws.requests().get(0).path());
        assertEquals(11, call.path("http").path("response").path("content_length").asInt());
    }

    @Test
    void aClientErrorIsAnErrorWithTheServiceExceptionAsRemoteCauseAndIsNotRetried() {
        aws.reply(Reply.jsonError(400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "Requested resource not found"));
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> assertThrows(ResourceNotFoundException.class, () -> client.describeTable(r -> r.tableName("gone"))));
        }
        JsonNode call = onlyChild(handlerDocument(), "DynamoDb");
        assertTrue(call.path("error").asBoolean(), call::toString);
        assertFalse(call.has("fault") || call.has("throttle"), call::toString);
        assertEquals(0, call.path("aws").path("retries").asInt(-1));
        assertEquals("gone", call.path("aws").path("table_name").asText());
        assertEquals("err-400", call.path("aws").path("request_id").asText());
        assertEquals(400, call.path("http").path("response").path("status").asInt());
        JsonNode exception = call.path("cause").path("exceptions").get(0);
        assertEquals(ResourceNotFoundException.class.getName(), exception.path("type").asText());
        assertTrue(exception.path("remote").asBoolean(), exception::toString);
        assertEquals(1, aws.requests().size());
    }

    @Test
    void throttlingIsRetriedOnOneSubsegmentAndCountedThenMarkedWhenItLasts() {
        Reply throttled = Reply.jsonError(429, "ThrottlingException", "slow down");
        aws.reply(throttled, throttled);
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> client.listTables());
        }
        JsonNode recovered = onlyChild(handlerDocument(), "DynamoDb");
        assertEquals(2, recovered.path("aws").path("retries").asInt());
        assertEquals(200, recovered.path("http").path("response").path("status").asInt());
        assertFalse(recovered.has("throttle") || recovered.has("error"), recovered::toString);
        List<LocalAwsEndpoint.Request> attempts = aws.requests();
        assertEquals(3, attempts.size());
        assertEquals(1, attempts.stream().map(r -> r.header("X-Amzn-Trace-Id")).distinct().count(),
                "every attempt carries the call's one subsegment as parent");

        daemon.clear();
        aws.reply(throttled, throttled, throttled);
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> assertThrows(SdkServiceException.class, client::listTables));
        }
        JsonNode gaveUp = onlyChild(handlerDocument(), "DynamoDb");
        assertEquals(2, gaveUp.path("aws").path("retries").asInt());
        assertTrue(gaveUp.path("throttle").asBoolean() && gaveUp.path("error").asBoolean(), gaveUp::toString);
        assertFalse(gaveUp.has("fault"), gaveUp::toString);
        assertEquals(429, gaveUp.path("http").path("response").path("status").asInt());
    }

    @Test
    void dynamoDbThrottlingWith400IsAThrottle() {
        Reply exceeded = Reply.jsonError(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "exceeded");
        aws.reply(exceeded, exceeded, exceeded);
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> assertThrows(SdkServiceException.class, () -> client.getItem(r -> r.tableName("hot")
                    .key(Map.of("id", AttributeValue.fromS("1"))))));
        }
        JsonNode call = onlyChild(handlerDocument(), "DynamoDb");
        assertTrue(call.path("throttle").asBoolean() && call.path("error").asBoolean(), call::toString);
        assertEquals(2, call.path("aws").path("retries").asInt());
    }

    @Test
    void aServerErrorIsAFaultAfterTheRetries() {
        Reply failing = Reply.jsonError(500, "InternalServerError", "boom");
        aws.reply(failing, failing, failing);
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> assertThrows(SdkServiceException.class, client::listTables));
        }
        JsonNode call = onlyChild(handlerDocument(), "DynamoDb");
        assertTrue(call.path("fault").asBoolean(), call::toString);
        assertFalse(call.has("error") || call.has("throttle"), call::toString);
        assertEquals(2, call.path("aws").path("retries").asInt());
        assertEquals(500, call.path("http").path("response").path("status").asInt());
        assertTrue(call.path("cause").path("exceptions").get(0).path("remote").asBoolean());
    }

    @Test
    void aRefusedConnectionIsAFaultWithTheClientExceptionAndNoResponse() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DynamoDbClient client = dynamoDb(URI.create("http://127.0.0.1:" + closedPort))) {
            invoke(() -> assertThrows(SdkClientException.class, client::listTables));
        }
        JsonNode call = onlyChild(handlerDocument(), "DynamoDb");
        assertTrue(call.path("fault").asBoolean(), call::toString);
        assertFalse(call.has("http") || call.path("aws").has("request_id"), call::toString);
        assertEquals(2, call.path("aws").path("retries").asInt());
        JsonNode exception = call.path("cause").path("exceptions").get(0);
        assertEquals(SdkClientException.class.getName(), exception.path("type").asText());
        assertFalse(exception.has("remote"), exception::toString);
    }

    @Test
    void anAsyncCallNestsUnderTheSubsegmentItWasMadeInAndEndsOnTheSdkThread() {
        try (DynamoDbAsyncClient client = AwsClients.dynamoDbAsync(aws.uri())) {
            invoke(() -> LambdaTracing.withSubsegment("## async", () -> client.listTables().join()));
        }
        JsonNode call = onlyChild(onlyChild(handlerDocument(), "## async"), "DynamoDb");
        assertEquals("ListTables", call.path("aws").path("operation").asText());
        assertEquals("eu-west-1", call.path("aws").path("region").asText());
        assertEquals(200, call.path("http").path("response").path("status").asInt());
        assertTrue(call.has("end_time"));
        assertTrue(aws.requests().get(0).header("X-Amzn-Trace-Id").contains("Parent=" + call.path("id").asText()));
    }

    @Test
    void aCallOnAThreadTheInvocationWasCarriedToNestsUnderTheSubsegmentThatHandedItOver() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(() -> LambdaTracing.withSubsegment("## fan-out", () -> {
                Future<?> done = pool.submit(InvocationScope.current().wrap(() -> client.listTables()));
                try {
                    return done.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        } finally {
            pool.shutdownNow();
        }
        onlyChild(onlyChild(handlerDocument(), "## fan-out"), "DynamoDb");
    }

    @Test
    void concurrentInvocationsEachGetTheirOwnCallsAndHeaders() throws Exception {
        LensRuntime runtime = runtime(Map.of());
        int invocations = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> roots = new ArrayList<>();
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                String root = String.format("1-5759e988-%024x", i + 1);
                roots.add(root);
                done.add(pool.submit(() -> invoke(runtime, "Root=" + root + ";Parent=" + PARENT + ";Sampled=1",
                        () -> client.listTables())));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> documents = daemon.awaitDocuments(invocations, Duration.ofSeconds(5));
        assertAllValid();
        Set<String> headersSent = new HashSet<>();
        aws.requests().forEach(request -> headersSent.add(request.header("X-Amzn-Trace-Id")));
        Set<String> headersExpected = new HashSet<>();
        for (JsonNode handler : documents) {
            JsonNode call = onlyChild(handler, "DynamoDb");
            headersExpected.add("Root=" + handler.path("trace_id").asText() + ";Parent=" + call.path("id").asText()
                    + ";Sampled=1");
        }
        assertEquals(invocations, headersExpected.size());
        assertEquals(headersExpected, headersSent);
        Set<String> traces = new HashSet<>();
        documents.forEach(d -> traces.add(d.path("trace_id").asText()));
        assertEquals(new HashSet<>(roots), traces);
    }

    @Test
    void nothingIsRecordedOrAddedWhenNotSampledDisabledOrOutsideAnInvocation() throws InterruptedException {
        try (DynamoDbClient client = dynamoDb(aws.uri())) {
            invoke(runtime(Map.of()), "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0", () -> client.listTables());
            invoke(runtime(Map.of("POWERTOOLS_TRACE_DISABLED", "true")), "Root=" + ROOT + ";Parent=" + PARENT
                    + ";Sampled=1", () -> client.listTables());
            client.listTables();
        }
        Thread.sleep(300);
        assertEquals(List.of(), daemon.datagrams());
        assertEquals(3, aws.requests().size());
        for (LocalAwsEndpoint.Request request : aws.requests()) {
            assertNull(request.header("X-Amzn-Trace-Id"), request::toString);
        }
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void aClientThatAlsoHasTheInterceptorByHandRecordsEachCallOnce() {
        try (DynamoDbClient client = AwsClients.dynamoDb(aws.uri(), AwsSdkTracing.interceptor())) {
            invoke(() -> client.listTables());
        }
        onlyChild(handlerDocument(), "DynamoDb");
        assertEquals(1, aws.requests().get(0).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Amzn-Trace-Id")).mapToInt(e -> e.getValue().size()).sum());
    }

    @Test
    void withXRaySdkInteropTheXRaySdkInterceptorRecordsTheCallAndLambdaLensStepsAside() {
        try (DynamoDbClient client = AwsClients.dynamoDb(aws.uri(), new TracingInterceptor())) {
            invoke(runtime(Map.of("LAMBDA_LENS_TRACING_SDK_INTEROP", "true")),
                    "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1", () -> client.listTables());
        }
        JsonNode call = onlyChild(handlerDocument(), "DynamoDb");
        assertEquals("ListTables", call.path("aws").path("operation").asText());
        List<String> headers = aws.requests().get(0).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Amzn-Trace-Id")).flatMap(e -> e.getValue().stream())
                .toList();
        assertEquals(List.of("Root=" + ROOT + ";Parent=" + call.path("id").asText() + ";Sampled=1"), headers);
    }
}
