package dev.lambdalens.examples.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample events through the real Lambda runtime client, in a child JVM, as API Gateway would send them. */
class OrdersFunctionLocalRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder()
            .runtime(runtime -> runtime.handler(OrdersHandler.class.getName() + "::handleRequest")
                    .functionName("lambda-lens-orders"))
            .build();

    private final OrderEvents events = OrderEvents.inModule();

    @Test
    void createsAnOrderFromTheSampleEventAndReadsItBack() throws Exception {
        Invocation created = LAMBDA.runtime().invoke(events.createOrder());

        assertEquals(InvocationStatus.SUCCESS, created.status(), created::toString);
        JsonNode response = JSON.readTree(created.response().orElseThrow());
        assertEquals(201, response.path("statusCode").asInt(), response::toString);
        String id = OrderEvents.orderIdOf(created.response().orElseThrow());
        assertTrue(String.join("\n", created.stdout()).contains("orders: created " + id), created.stdout()::toString);

        Invocation found = LAMBDA.runtime().invoke(events.getOrder(id));

        JsonNode foundResponse = JSON.readTree(found.response().orElseThrow());
        assertEquals(200, foundResponse.path("statusCode").asInt(), foundResponse::toString);
        JsonNode order = JSON.readTree(foundResponse.path("body").asText());
        assertEquals("coffee beans", order.path("item").asText());
        assertEquals(2, order.path("quantity").asInt());
    }

    @Test
    void answers400ToTheSampleEventWithABrokenBody() throws Exception {
        Invocation invocation = LAMBDA.runtime().invoke(events.createOrderWithBadJson());

        assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
        assertEquals(400, JSON.readTree(invocation.response().orElseThrow()).path("statusCode").asInt());
    }
}
