package dev.lambdalens.examples.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.examples.ApiGateway;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.testing.LocalLambdaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.lambdalens.examples.ApiGateway.body;
import static dev.lambdalens.examples.ApiGateway.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orders API's sample events through the real Lambda runtime client, configured from its template, with a
 * local X-Ray daemon: what API Gateway would get back, and what the function logs, traces and measures.
 */
class OrdersApiLocalRunTest {
    private static final Example EXAMPLE = Example.ORDERS_API;

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder().withXRayDaemon()
            .runtime(EXAMPLE::configure).build();

    private static Telemetry created;
    private static Telemetry found;
    private static Telemetry rejected;

    @BeforeAll
    static void invokeEachSampleEvent() {
        created = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("create-order.json")), LAMBDA.daemon());
        String orderId = body(created.invocation()).path("id").asText();
        found = Telemetry.of(LAMBDA.runtime().invoke(ApiGateway.getOrderEvent(EXAMPLE, orderId)), LAMBDA.daemon());
        rejected = Telemetry.of(LAMBDA.runtime().invoke(EXAMPLE.event("create-order-bad-json.json")), LAMBDA.daemon());
    }

    @Test
    void answersAsApiGatewayExpects() {
        assertEquals(201, response(created.invocation()).path("statusCode").asInt());
        JsonNode order = body(created.invocation());
        assertEquals("coffee beans", order.path("item").asText());
        assertEquals(2900, order.path("totalCents").asLong());
        assertEquals("1111", order.path("cardLast4").asText());

        assertEquals(200, response(found.invocation()).path("statusCode").asInt());
        assertEquals(order, body(found.invocation()));
        assertEquals(400, response(rejected.invocation()).path("statusCode").asInt());
    }

    @Test
    void logsTheEventWithTheAuthorizationHeaderAndTheCardNumberMasked() {
        JsonNode eventLine = created.logLines().stream().filter(line -> line.has("event")).findFirst().orElseThrow();
        JsonNode event = eventLine.path("event");

        assertEquals("****", event.path("headers").path("Authorization").asText(), event::toString);
        assertEquals("****", event.path("multiValueHeaders").path("Authorization").asText(), event::toString);
        assertTrue(event.path("body").asText().contains("\"number\":\"****\""), event.path("body")::asText);
        String everything = String.join("\n", created.invocation().stdout());
        assertFalse(everything.contains("eyJhbGciOiJIUzI1NiJ9"), "the bearer token leaked");
        assertFalse(everything.contains("4111 1111 1111 1111"), "the card number leaked");
        assertFalse(everything.contains("4111111111111111"), "the card number leaked");
    }

    @Test
    void correlatesEveryLineWithTheApiGatewayRequestId() {
        for (JsonNode line : created.logLines()) {
            assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", line.path("correlation_id").asText(), line::toString);
            assertEquals("orders", line.path("service").asText(), line::toString);
        }
    }

    @Test
    void measuresTheOrderValueAndTheLatency() {
        assertEquals(29.0, created.metric("OrderValue").orElseThrow().asDouble());
        assertTrue(created.metric("OrderApiLatency").orElseThrow().asDouble() >= 0);
        assertEquals(1.0, created.metric("ColdStart").orElseThrow().asDouble(), "the first invocation is the cold start");
        assertTrue(found.metric("ColdStart").isEmpty(), "only the first invocation is a cold start");
        assertTrue(rejected.metric("OrderValue").isEmpty(), "a rejected order has no value");
    }

    @Test
    void tracesTheStoreCallInsideTheHandlerSubsegment() {
        JsonNode handler = created.subsegments("## handleRequest").get(0);
        JsonNode save = created.subsegments("## OrderStore.save").get(0);

        assertTrue(handler.path("subsegments").toString().contains(save.path("id").asText()),
                "the store call is a child of the handler subsegment: " + handler);
        assertEquals(body(created.invocation()).path("id").asText(), save.path("annotations").path("OrderId").asText());
        assertEquals(created.invocation().traceParent().orElseThrow(), handler.path("parent_id").asText());
        assertEquals(1, found.subsegments("## OrderStore.find").size());
    }

    @Test
    void joinsLogsMetricsAndTracesOnOneTraceIdPerInvocation() {
        OneTraceId.assertJoined(List.of(created, found, rejected), LAMBDA.daemon());
    }
}
