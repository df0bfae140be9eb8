package dev.lambdalens.examples.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** API Gateway proxy responses with a JSON body. */
public final class ApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    /** A response with {@code body} written as JSON. */
    public static APIGatewayProxyResponseEvent json(int status, Object body) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record or a message map always serializes", e);
        }
    }

    /** A response whose body is {@code {"message": ...}}. */
    public static APIGatewayProxyResponseEvent message(int status, String message) {
        return json(status, Map.of("message", message));
    }
}
