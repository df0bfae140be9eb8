package dev.lambdalens.logging;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3ObjectLambdaEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each preset of {@link CorrelationIdPaths} finds the id in the event as a handler receives it: a {@code Map}
 * (a handler typed {@code Map<String, Object>}) and the aws-lambda-java-events class, deserialized from the
 * same JSON by the runtime client's own serializers (exactly what the runtime hands a typed handler).
 * S3 Object Lambda is the exception, see {@link #sqsAndS3ObjectLambdaPresetsMatchTypedEvents()}.
 */
class CorrelationIdPresetsTest {
    private static final Logger LOG = LoggerFactory.getLogger("app.correlation");

    private static final String SQS = "{\"Records\":[{\"messageId\":\"059f36b4-87a3-44ab-83d2-661975830a7d\","
            + "\"receiptHandle\":\"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a\",\"body\":\"test\",\"attributes\":"
            + "{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"1545082649183\"},\"messageAttributes\":{},"
            + "\"md5OfBody\":\"098f6bcd4621d373cade4e832627b4f6\",\"eventSource\":\"aws:sqs\","
            + "\"eventSourceARN\":\"arn:aws:sqs:us-east-2:123456789012:my-queue\",\"awsRegion\":\"us-east-2\"},"
            + "{\"messageId\":\"2e1424d4-f796-459a-8184-9c92662be6da\",\"body\":\"second\"}]}";
    private static final String S3_OBJECT_LAMBDA = "{\"xAmzRequestId\":\"1a5ed718-5f53-471d-b6fe-5cf62d88d02a\","
            + "\"getObjectContext\":{\"inputS3Url\":\"https://example.s3.amazonaws.com/o?X-Amz-Security-Token=t\","
            + "\"outputRoute\":\"io-use1-001\",\"outputToken\":\"OutputToken\"},\"configuration\":"
            + "{\"accessPointArn\":\"arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/ap\","
            + "\"supportingAccessPointArn\":\"arn:aws:s3:us-east-1:123456789012:accesspoint/sap\",\"payload\":\"{}\"},"
            + "\"userRequest\":{\"url\":\"https://ap.s3-object-lambda.us-east-1.amazonaws.com/o\",\"headers\":"
            + "{\"Host\":\"ap.s3-object-lambda.us-east-1.amazonaws.com\"}},\"userIdentity\":{\"type\":\"IAMUser\","
            + "\"principalId\":\"AIDAJ\",\"arn\":\"arn:aws:iam::123456789012:user/u\",\"accountId\":\"123456789012\","
            + "\"accessKeyId\":\"AKIA\"},\"protocolVersion\":\"1.00\"}";
    private static final String API_GATEWAY_REST = "{\"resource\":\"/\",\"path\":\"/\",\"httpMethod\":\"GET\","
            + "\"headers\":{\"Accept\":\"*/*\"},\"requestContext\":{\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\","
            + "\"stage\":\"prod\"},\"body\":null,\"isBase64Encoded\":false}";
    private static final String API_GATEWAY_HTTP = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/\","
            + "\"headers\":{\"accept\":\"*/*\"},\"requestContext\":{\"requestId\":\"JKJaXmPLvHcESHA=\",\"stage\":\"$default\"},"
            + "\"isBase64Encoded\":false}";
    private static final String ALB = "{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:"
            + "us-east-1:123456789012:targetgroup/tg/6d0ecf831eec9f09\"}},\"httpMethod\":\"GET\",\"path\":\"/\","
            + "\"headers\":{\"host\":\"lambda-alb.example.com\",\"x-amzn-trace-id\":\"Root=1-5bdb40ca-556d8b0c50dc66f0511bf520\"},"
            + "\"body\":\"\",\"isBase64Encoded\":false}";
    private static final String EVENT_BRIDGE = "{\"version\":\"0\",\"id\":\"fe8d3c65-xmpl-c5c3-2c87-81584709a377\","
            + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"123456789012\","
            + "\"time\":\"2020-04-30T08:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";

    @Test
    void sqsAndS3ObjectLambdaPresetsMatchTypedEvents() {
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", correlationId(CorrelationIdPaths.SQS,
                typed(SQSEvent.class, SQS)));
        // The runtime client's serializer does not fill xAmzRequestId from S3's JSON (its Jackson expects
        // "XAmzRequestId"), so this typed event is built as a unit test of an S3 Object Lambda handler builds it.
        assertEquals("1a5ed718-5f53-471d-b6fe-5cf62d88d02a", correlationId(CorrelationIdPaths.S3_OBJECT_LAMBDA,
                S3ObjectLambdaEvent.builder().withXAmzRequestId("1a5ed718-5f53-471d-b6fe-5cf62d88d02a")
                        .withProtocolVersion("1.00").build()));
    }

    @Test
    void everyPresetMatchesItsMapEventAndItsTypedEvent() throws Exception {
        Object[][] cases = {
                {CorrelationIdPaths.SQS, SQS, SQSEvent.class, "059f36b4-87a3-44ab-83d2-661975830a7d"},
                {CorrelationIdPaths.API_GATEWAY_REST, API_GATEWAY_REST, APIGatewayProxyRequestEvent.class,
                        "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
                {CorrelationIdPaths.API_GATEWAY_HTTP, API_GATEWAY_HTTP, APIGatewayV2HTTPEvent.class, "JKJaXmPLvHcESHA="},
                {CorrelationIdPaths.LAMBDA_FUNCTION_URL, API_GATEWAY_HTTP, APIGatewayV2HTTPEvent.class, "JKJaXmPLvHcESHA="},
                {CorrelationIdPaths.APPLICATION_LOAD_BALANCER, ALB, ApplicationLoadBalancerRequestEvent.class,
                        "Root=1-5bdb40ca-556d8b0c50dc66f0511bf520"},
                {CorrelationIdPaths.EVENT_BRIDGE, EVENT_BRIDGE, ScheduledEvent.class, "fe8d3c65-xmpl-c5c3-2c87-81584709a377"},
        };
        assertEquals("1a5ed718-5f53-471d-b6fe-5cf62d88d02a", correlationId(CorrelationIdPaths.S3_OBJECT_LAMBDA,
                new ObjectMapper().readValue(S3_OBJECT_LAMBDA, Map.class)), "S3 Object Lambda on a Map event");
        for (Object[] c : cases) {
            String path = (String) c[0];
            String json = (String) c[1];
            Object asMap = new ObjectMapper().readValue(json, Map.class);
            assertEquals(c[3], correlationId(path, asMap), path + " on a Map event");
            assertEquals(c[3], correlationId(path, typed((Class<?>) c[2], json)), path + " on " + c[2]);
        }
    }

    @Test
    void aTypedEventWithoutThePathGivesNoCorrelationIdAndNoDiagnostic() {
        TestLens lens = Kit.lens();
        SQSEvent empty = new SQSEvent();
        assertEquals(null, correlationId(lens, CorrelationIdPaths.SQS, empty));
        assertEquals(null, correlationId(lens, "Records[5].messageId", typed(SQSEvent.class, SQS)));
        assertEquals(null, correlationId(lens, "Records[0].messageId.deeper", typed(SQSEvent.class, SQS)));
        assertTrue(lens.diagnostics().isEmpty(), lens.diagnostics().toString());
    }

    @Test
    void aTypedEventWhoseGetterThrowsIsReportedOnceAndTheHandlerGoesOn() {
        TestLens lens = Kit.lens();
        Object failing = new LambdaJsonEncoderTest.FailingBean();
        assertEquals(null, correlationId(lens, "value", failing));
        assertEquals(null, correlationId(lens, "value", failing));
        assertEquals(1, lens.diagnostics().size(), lens.diagnostics().toString());
        assertTrue(lens.diagnostics().get(0).contains(LambdaJsonEncoderTest.FailingBean.class.getName()),
                lens.diagnostics().toString());
    }

    private static <T> T typed(Class<T> type, String json) {
        return LambdaEventSerializers.serializerFor(type, CorrelationIdPresetsTest.class.getClassLoader()).fromJson(json);
    }

    private static String correlationId(String path, Object event) {
        TestLens lens = Kit.lens();
        String id = correlationId(lens, path, event);
        assertTrue(lens.diagnostics().isEmpty(), lens.diagnostics().toString());
        return id;
    }

    private static String correlationId(TestLens lens, String path, Object event) {
        RequestHandler<Object, String> handler = ObservedHandler.<Object, String>wrap((e, context) -> {
                    LOG.info("with correlation id");
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).correlationIdPath(path).build())
                .runtime(lens.runtime()).build();
        lens.logs().clear();
        try (CapturedLog log = CapturedLog.install()) {
            assertEquals("ok", handler.handleRequest(event, Kit.context(lens, "c-1")));
        }
        var line = lens.logs().line("with correlation id");
        return line.has("correlation_id") ? line.get("correlation_id").asText() : null;
    }
}
