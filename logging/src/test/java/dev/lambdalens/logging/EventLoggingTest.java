package dev.lambdalens.logging;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed events and responses of {@code aws-lambda-java-events}, logged with {@code logEvent}/{@code logResponse}:
 * each is read from a sample of the JSON Lambda delivers by Lambda's own serializer, and what Lambda Lens writes
 * must be exactly what that serializer writes for it (keys, left-out nulls, dates, binary data), masked as any
 * logged value is.
 */
class EventLoggingTest {
    static final String API_GATEWAY_REST = """
            {"resource":"/orders/{orderId}","path":"/orders/A-17","httpMethod":"GET",
             "headers":{"Authorization":"Bearer secret-token","Accept":"application/json","X-Empty":null},
             "multiValueHeaders":{"Authorization":["Bearer secret-token"],"Accept":["application/json"]},
             "queryStringParameters":{"expand":"items"},"multiValueQueryStringParameters":{"expand":["items"]},
             "pathParameters":{"orderId":"A-17"},"stageVariables":null,
             "requestContext":{"accountId":"123456789012","resourceId":"us4z18","stage":"prod",
               "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","requestTimeEpoch":1428582896000,
               "identity":{"sourceIp":"203.0.113.7","userAgent":"curl/8.4.0","accessKey":null},
               "resourcePath":"/orders/{orderId}","httpMethod":"GET","apiId":"wt6mne2s9k","path":"/prod/orders/A-17",
               "authorizer":{"claims":{"sub":"u-1"},"principalId":"u-1"}},
             "body":null,"isBase64Encoded":false}""";

    static final String API_GATEWAY_HTTP = """
            {"version":"2.0","routeKey":"GET /orders/{orderId}","rawPath":"/orders/A-17","rawQueryString":"expand=items",
             "cookies":["session=abc"],"headers":{"authorization":"Bearer secret-token","accept":"application/json"},
             "queryStringParameters":{"expand":"items"},"pathParameters":{"orderId":"A-17"},
             "requestContext":{"accountId":"123456789012","apiId":"r3pmxmplak","domainName":"r3pmxmplak.execute-api.us-east-1.amazonaws.com",
               "domainPrefix":"r3pmxmplak","http":{"method":"GET","path":"/orders/A-17","protocol":"HTTP/1.1",
               "sourceIp":"203.0.113.7","userAgent":"curl/8.4.0"},"requestId":"JKJaXmPLvHcESHA=","routeKey":"GET /orders/{orderId}",
               "stage":"$default","time":"10/Mar/2020:05:16:23 +0000","timeEpoch":1583817383220,
               "authorizer":{"jwt":{"claims":{"sub":"u-1"},"scopes":["orders/read"]}}},
             "body":"{\\"a\\":1}","isBase64Encoded":false}""";

    static final String FUNCTION_URL = """
            {"version":"2.0","routeKey":"$default","rawPath":"/orders","rawQueryString":"",
             "headers":{"x-amzn-trace-id":"Root=1-5eb33c07-2fd4a2d16d9d5d3e7b4bf1aa","host":"abcdefg.lambda-url.us-east-1.on.aws"},
             "requestContext":{"accountId":"123456789012","apiId":"abcdefg","domainName":"abcdefg.lambda-url.us-east-1.on.aws",
               "domainPrefix":"abcdefg","http":{"method":"POST","path":"/orders","protocol":"HTTP/1.1","sourceIp":"203.0.113.7",
               "userAgent":"agent"},"requestId":"id-fn-url","routeKey":"$default","stage":"$default",
               "time":"12/Mar/2020:19:03:58 +0000","timeEpoch":1583348638390,
               "authorizer":{"iam":{"accessKey":"AKIA...","accountId":"111122223333","callerId":"AIDA...",
                 "userArn":"arn:aws:iam::111122223333:user/example-user","userId":"AIDA..."}}},
             "body":"b3JkZXI=","isBase64Encoded":true}""";

    static final String ALB = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-279XGJDqGZ5rsrHC2Fjr/49e9d65c45c6791a"}},
             "httpMethod":"GET","path":"/lambda","queryStringParameters":{"query":"1234ABCD"},
             "headers":{"x-amzn-trace-id":"Root=1-5c536348-3d683b8b04734faae651f476","cookie":"session=abc","host":"lambda-alb-123578498.us-east-1.elb.amazonaws.com"},
             "body":"","isBase64Encoded":false}""";

    static final String SQS = """
            {"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
              "body":"{\\"order\\":\\"A-17\\",\\"password\\":\\"hunter2\\"}",
              "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp":"1545082649185"},
              "messageAttributes":{"tenant":{"stringValue":"t-1","stringListValues":[],"binaryListValues":[],"dataType":"String"}},
              "md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
              "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:orders","awsRegion":"us-east-1"}]}""";

    static final String SNS = """
            {"Records":[{"EventVersion":"1.0","EventSubscriptionArn":"arn:aws:sns:us-east-1:123456789012:orders:c9135db0",
              "EventSource":"aws:sns","Sns":{"SignatureVersion":"1","Timestamp":"2019-01-02T12:45:07.000Z",
              "Signature":"tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
              "SigningCertUrl":"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
              "MessageId":"95df01b4-ee98-5cb9-9903-4c221d41eb5e","Message":"order A-17 shipped",
              "MessageAttributes":{"Test":{"Type":"String","Value":"TestString"}},"Type":"Notification",
              "UnsubscribeUrl":"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe","TopicArn":"arn:aws:sns:us-east-1:123456789012:orders",
              "Subject":null}}]}""";

    static final String S3 = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2019-09-03T19:37:27.192Z",
              "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AWS:AIDAINPONIXQXHT3IKHL2"},
              "requestParameters":{"sourceIPAddress":"205.255.255.255"},
              "responseElements":{"x-amz-request-id":"D82B88E5F771F645","x-amz-id-2":"vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"828aa6fc-f7b5-4305-8584-487c791949c1",
                "bucket":{"name":"orders-bucket","ownerIdentity":{"principalId":"A3I5XTEXAMAI3E"},"arn":"arn:aws:s3:::orders-bucket"},
                "object":{"key":"invoices/A%2017.pdf","size":1305107,"eTag":"b21b84d653bb07b05b1e6b33684dc11b","sequencer":"0C0F6F405D6ED209E1"}}}]}""";

    static final String DYNAMODB = """
            {"Records":[{"eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"INSERT","eventVersion":"1.1",
              "eventSource":"aws:dynamodb","awsRegion":"us-east-1",
              "dynamodb":{"ApproximateCreationDateTime":1428537600.25,"Keys":{"Id":{"N":"101"}},
                "NewImage":{"Message":{"S":"New item!"},"Id":{"N":"101"},"Tags":{"SS":["a","b"]},"Paid":{"BOOL":true},
                  "Blob":{"B":"aGVsbG8="},"Nothing":{"NULL":true},"Items":{"L":[{"M":{"Sku":{"S":"s-1"}}}]}},
                "SequenceNumber":"4421584500000000017450439091","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"},
              "eventSourceARN":"arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2015-06-27T00:48:05.899"}]}""";

    static final String KINESIS = """
            {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"1","sequenceNumber":"49590338271490256608559692538361571095921575989136588898",
              "data":"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==","approximateArrivalTimestamp":1545084650.987,"encryptionType":"NONE"},
              "eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
              "eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::123456789012:role/lambda-role",
              "awsRegion":"us-east-1","eventSourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/orders"}]}""";

    static final String EVENT_BRIDGE = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
             "account":"123456789012","time":"2015-10-08T16:53:06Z","region":"us-east-1",
             "resources":["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],"detail":{"orderId":"A-17","token":"t0k3n"}}""";

    private final TestLens lens = Kit.lens();

    @Test
    void eachCommonEventIsWrittenExactlyAsLambdasOwnSerializerWritesIt() {
        List<Object> events = List.of(
                LambdaEventJson.read(APIGatewayProxyRequestEvent.class, API_GATEWAY_REST),
                LambdaEventJson.read(APIGatewayV2HTTPEvent.class, API_GATEWAY_HTTP),
                LambdaEventJson.read(APIGatewayV2HTTPEvent.class, FUNCTION_URL),
                LambdaEventJson.read(ApplicationLoadBalancerRequestEvent.class, ALB),
                LambdaEventJson.read(SQSEvent.class, SQS),
                LambdaEventJson.read(SNSEvent.class, SNS),
                LambdaEventJson.read(S3Event.class, S3),
                LambdaEventJson.read(DynamodbEvent.class, DYNAMODB),
                LambdaEventJson.read(KinesisEvent.class, KINESIS),
                LambdaEventJson.read(ScheduledEvent.class, EVENT_BRIDGE),
                new APIGatewayProxyResponseEvent().withStatusCode(201).withHeaders(Map.of("Location", "/orders/A-17"))
                        .withBody("{}").withIsBase64Encoded(false),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withCookies(List.of("a=b")).withBody("ok").build(),
                SQSBatchResponse.builder().withBatchItemFailures(
                        List.of(new SQSBatchResponse.BatchItemFailure("059f36b4"))).build());
        for (Object event : events) {
            JsonNode expected = LambdaEventJson.lambdas(event);
            assertEquals(expected, LambdaEventJson.ours(event, lens.runtime().diagnostics()),
                    event.getClass().getSimpleName());
        }
        assertEquals(List.of(), lens.diagnostics());
    }

    @Test
    void theKeysAreLambdasNotJavaBeanNames() {
        JsonNode sqs = ours(LambdaEventJson.read(SQSEvent.class, SQS));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:orders", sqs.at("/Records/0/eventSourceARN").asText(), sqs.toString());
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", sqs.at("/Records/0/messageId").asText());
        JsonNode sns = ours(LambdaEventJson.read(SNSEvent.class, SNS));
        assertEquals("order A-17 shipped", sns.at("/Records/0/Sns/Message").asText(), sns.toString());
        assertEquals("2019-01-02T12:45:07.000Z", sns.at("/Records/0/Sns/Timestamp").asText());
        assertTrue(sns.at("/Records/0/Sns").has("SigningCertUrl"));
        assertFalse(sns.at("/Records/0/Sns").has("Subject"), "nulls are left out");
        JsonNode rest = ours(LambdaEventJson.read(APIGatewayProxyRequestEvent.class, API_GATEWAY_REST));
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", rest.at("/requestContext/requestId").asText());
        assertFalse(rest.get("isBase64Encoded").asBoolean());
        assertFalse(rest.has("body"));
        assertFalse(rest.at("/headers").has("X-Empty"), "null map values are left out, as Lambda does");
        JsonNode dynamo = ours(LambdaEventJson.read(DynamodbEvent.class, DYNAMODB));
        assertEquals(1428537600.25, dynamo.at("/Records/0/dynamodb/ApproximateCreationDateTime").asDouble(), dynamo.toString());
        assertEquals("New item!", dynamo.at("/Records/0/dynamodb/NewImage/Message/S").asText());
        assertEquals("aGVsbG8=", dynamo.at("/Records/0/dynamodb/NewImage/Blob/B").asText());
        JsonNode kinesis = ours(LambdaEventJson.read(KinesisEvent.class, KINESIS));
        assertEquals("SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==", kinesis.at("/Records/0/kinesis/data").asText(), kinesis.toString());
        JsonNode s3 = ours(LambdaEventJson.read(S3Event.class, S3));
        assertEquals("D82B88E5F771F645", s3.at("/Records/0/responseElements/x-amz-request-id").asText(), s3.toString());
        assertEquals("invoices/A 17.pdf", s3.at("/Records/0/s3/object/urlDecodedKey").asText());
        JsonNode scheduled = ours(LambdaEventJson.read(ScheduledEvent.class, EVENT_BRIDGE));
        assertEquals("Scheduled Event", scheduled.get("detail-type").asText(), scheduled.toString());
        assertEquals("2015-10-08T16:53:06.000Z", scheduled.get("time").asText());
    }

    @Test
    void aLoggedEventIsMaskedAndItsCorrelationIdReadByLambdasKeys() {
        RequestHandler<Object, Object> handler = handler(CorrelationIdPaths.API_GATEWAY_REST, event ->
                new APIGatewayProxyResponseEvent().withStatusCode(200)
                        .withHeaders(Map.of("Set-Cookie", "session=s3cr3t")).withBody("ok"));
        handler.handleRequest(LambdaEventJson.read(APIGatewayProxyRequestEvent.class, API_GATEWAY_REST),
                Kit.context(lens, "r1"));
        JsonNode event = lens.logs().line("Handler Event");
        assertEquals("****", event.at("/event/headers/Authorization").asText(), event.toString());
        assertEquals("****", event.at("/event/multiValueHeaders/Authorization").asText());
        assertEquals("application/json", event.at("/event/headers/Accept").asText());
        assertEquals("/orders/{orderId}", event.at("/event/requestContext/resourcePath").asText());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", event.get("correlation_id").asText());
        JsonNode response = lens.logs().line("Handler Response");
        assertEquals(200, response.at("/response/statusCode").asInt(), response.toString());
        assertEquals("****", response.at("/response/headers/Set-Cookie").asText());
        assertFalse(lens.logs().toString().contains("secret-token"));
        assertFalse(lens.logs().toString().contains("s3cr3t"));

        lens.clear();
        RequestHandler<Object, Object> sqsHandler = handler(CorrelationIdPaths.SQS, input -> "done");
        sqsHandler.handleRequest(LambdaEventJson.read(SQSEvent.class, SQS), Kit.context(lens, "r2"));
        JsonNode sqs = lens.logs().line("Handler Event");
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", sqs.get("correlation_id").asText(), sqs.toString());
        assertEquals("t-1", sqs.at("/event/Records/0/messageAttributes/tenant/stringValue").asText());

        lens.clear();
        RequestHandler<Object, Object> scheduledHandler = handler(CorrelationIdPaths.EVENT_BRIDGE, input -> "done");
        scheduledHandler.handleRequest(LambdaEventJson.read(ScheduledEvent.class, EVENT_BRIDGE), Kit.context(lens, "r3"));
        JsonNode scheduled = lens.logs().line("Handler Event");
        assertEquals("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", scheduled.get("correlation_id").asText());
        assertEquals("****", scheduled.at("/event/detail/token").asText(), scheduled.toString());
        assertEquals(List.of(), lens.diagnostics());
    }

    @Test
    void aFailingGetterIsMarkedReportedOnceAndTheRestIsWritten() {
        // S3's urlDecodedKey decodes the key: a key that is not valid URL encoding makes the getter throw.
        S3Event bad = LambdaEventJson.read(S3Event.class, S3.replace("invoices/A%2017.pdf", "invoices/%zz"));
        RequestHandler<Object, Object> handler = handler(null, event -> "done");
        handler.handleRequest(bad, Kit.context(lens, "r1"));
        handler.handleRequest(bad, Kit.context(lens, "r2"));
        List<JsonNode> lines = lens.logs().withMessage("Handler Event");
        assertEquals(2, lines.size(), lens.logs().toString());
        JsonNode object = lines.get(1).at("/event/Records/0/s3/object");
        assertEquals("[IllegalArgumentException]", object.get("urlDecodedKey").asText(), object.toString());
        assertEquals("invoices/%zz", object.get("key").asText());
        assertEquals(1305107, object.get("size").asLong());
        assertEquals("orders-bucket", lines.get(1).at("/event/Records/0/s3/bucket/name").asText());
        List<String> reports = lens.diagnostics();
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).contains("getUrlDecodedKey()"), reports.toString());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void cyclicAndHugeEventsGiveANoteAndTheLineIsStillWritten() {
        APIGatewayProxyRequestEvent cyclic = new APIGatewayProxyRequestEvent().withPath("/loop");
        Map loop = new HashMap();
        loop.put("self", loop);
        cyclic.setHeaders(loop);
        SQSEvent huge = LambdaEventJson.read(SQSEvent.class, SQS);
        huge.getRecords().get(0).setBody("x".repeat(300_000));
        RequestHandler<Object, Object> handler = handler(CorrelationIdPaths.SQS, input -> "done");
        assertEquals("done", handler.handleRequest(cyclic, Kit.context(lens, "r1")));
        assertEquals("done", handler.handleRequest(huge, Kit.context(lens, "r2")));
        List<JsonNode> lines = lens.logs().withMessage("Handler Event");
        assertEquals(2, lines.size(), lens.logs().toString());
        assertTrue(lines.get(0).get("event").asText().contains("could not be serialized"), lines.get(0).toString());
        assertEquals("r1", lines.get(0).get("function_request_id").asText());
        assertTrue(lines.get(1).get("event").asText().contains("larger than"), lines.get(1).toString());
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", lines.get(1).get("correlation_id").asText());
        assertEquals(2, lens.diagnostics().size(), lens.diagnostics().toString());
    }

    @Test
    void aUserObjectInsideAnEventIsStillWrittenByJacksonsMapper() {
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent().withStatusCode(200);
        RequestHandler<Object, Object> handler = handler(null, event -> Map.of("response", response,
                "order", new Order("o-9", "hunter9")));
        handler.handleRequest(Map.of("k", "v"), Kit.context(lens, "r1"));
        JsonNode line = lens.logs().line("Handler Response");
        assertEquals("o-9", line.at("/response/order/id").asText(), line.toString());
        assertEquals("****", line.at("/response/order/password").asText());
        assertEquals(200, line.at("/response/response/statusCode").asInt());
    }

    @Test
    void aDateInAPlainMapIsStillWrittenAsJacksonsMapperWritesIt() {
        RequestHandler<Object, Object> handler = handler(null, event -> "done");
        handler.handleRequest(Map.of("at", new java.util.Date(1500)), Kit.context(lens, "r1"));
        JsonNode line = lens.logs().line("Handler Event");
        assertEquals(1500, line.at("/event/at").asLong(), "epoch millis, not Lambda's event seconds: " + line);
    }

    /** A user's bean: only Jackson's mapper writes it. */
    public static final class Order {
        private final String id;
        private final String password;

        Order(String id, String password) {
            this.id = id;
            this.password = password;
        }

        public String getId() {
            return id;
        }

        public String getPassword() {
            return password;
        }
    }

    private JsonNode ours(Object event) {
        return LambdaEventJson.ours(event, lens.runtime().diagnostics());
    }

    private RequestHandler<Object, Object> handler(String correlationIdPath,
                                                   java.util.function.Function<Object, Object> body) {
        LambdaLogging.Builder logging = LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).logResponse(true);
        if (correlationIdPath != null) {
            logging.correlationIdPath(correlationIdPath);
        }
        return ObservedHandler.<Object, Object>wrap((event, context) -> body.apply(event))
                .with(logging.build()).runtime(lens.runtime()).build();
    }
}
