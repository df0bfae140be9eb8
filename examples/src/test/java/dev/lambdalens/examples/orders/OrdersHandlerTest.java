package dev.lambdalens.examples.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The handler called directly, with a {@link TestContext}, woven as deployed: no runtime, no child JVM. */
class OrdersHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrdersHandler handler = new OrdersHandler();

    @Test
    void createsAnOrderAndReadsItBack() throws Exception {
        APIGatewayProxyResponseEvent created = handler.handleRequest(post("{\"item\":\"tea\",\"quantity\":3,\"card\":{\"number\":\"5500 0000 0000 0004\"}}"),
                TestContext.create());

        assertEquals(201, created.getStatusCode());
        JsonNode order = JSON.readTree(created.getBody());
        assertEquals("tea", order.path("item").asText());
        assertEquals(3, order.path("quantity").asInt());
        assertEquals(3 * 890, order.path("totalCents").asLong());
        assertEquals("0004", order.path("cardLast4").asText());
        assertFalse(created.getBody().contains("5500"), "the response must not hold the card number");
        String id = order.path("id").asText();
        assertEquals("/orders/" + id, created.getHeaders().get("Location"));

        APIGatewayProxyResponseEvent found = handler.handleRequest(get(id), TestContext.create());
        assertEquals(200, found.getStatusCode());
        assertEquals(order, JSON.readTree(found.getBody()));
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertEquals(400, handler.handleRequest(post("{\"item\":"), TestContext.create()).getStatusCode());
    }

    @Test
    void rejectsAnOrderWithoutAnItem() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(post("{\"quantity\":1,\"card\":{\"number\":\"5500000000000004\"}}"), TestContext.create());

        assertEquals(400, response.getStatusCode());
        assertEquals("item is required", JSON.readTree(response.getBody()).path("message").asText());
    }

    @Test
    void rejectsAnItemThatIsNotSold() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                post("{\"item\":\"caviar\",\"quantity\":1,\"card\":{\"number\":\"5500000000000004\"}}"),
                TestContext.create());

        assertEquals(400, response.getStatusCode());
        assertEquals("We do not sell caviar", JSON.readTree(response.getBody()).path("message").asText());
    }

    @Test
    void rejectsAnOrderWithoutACard() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(post("{\"item\":\"tea\",\"quantity\":1}"),
                TestContext.create());

        assertEquals(400, response.getStatusCode());
        assertEquals("card.number must be 12 to 19 digits", JSON.readTree(response.getBody()).path("message").asText());
    }

    @Test
    void answers404ForAnUnknownOrder() {
        assertEquals(404, handler.handleRequest(get("no-such-order"), TestContext.create()).getStatusCode());
    }

    private static APIGatewayProxyRequestEvent post(String body) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withResource("/orders").withPath("/orders")
                .withBody(body);
    }

    private static APIGatewayProxyRequestEvent get(String id) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/orders/{id}")
                .withPath("/orders/" + id).withPathParameters(Map.of("id", id));
    }
}
