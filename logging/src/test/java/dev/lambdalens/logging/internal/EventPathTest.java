package dev.lambdalens.logging.internal;

import dev.lambdalens.logging.CorrelationIdPaths;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventPathTest {

    @Test
    void everyPresetFindsItsIdInASampleEvent() {
        Map<String, Object> apiGateway = Map.of("requestContext", Map.of("requestId", "api-1"));
        Map<String, Object> alb = Map.of("headers", Map.of("x-amzn-trace-id", "Root=1-abc"));
        Map<String, Object> eventBridge = Map.of("id", "eb-1", "detail", Map.of());
        Map<String, Object> appSync = Map.of("request", Map.of("headers", Map.of("x-amzn-trace-id", "Root=1-def")));
        Map<String, Object> sqs = Map.of("Records", List.of(Map.of("messageId", "m-1"), Map.of("messageId", "m-2")));
        assertEquals("api-1", EventPath.compile(CorrelationIdPaths.API_GATEWAY_REST).evaluate(apiGateway));
        assertEquals("api-1", EventPath.compile(CorrelationIdPaths.API_GATEWAY_HTTP).evaluate(apiGateway));
        assertEquals("api-1", EventPath.compile(CorrelationIdPaths.LAMBDA_FUNCTION_URL).evaluate(apiGateway));
        assertEquals("Root=1-abc", EventPath.compile(CorrelationIdPaths.APPLICATION_LOAD_BALANCER).evaluate(alb));
        assertEquals("eb-1", EventPath.compile(CorrelationIdPaths.EVENT_BRIDGE).evaluate(eventBridge));
        assertEquals("Root=1-def", EventPath.compile(CorrelationIdPaths.APPSYNC_RESOLVER).evaluate(appSync));
        assertEquals("m-1", EventPath.compile(CorrelationIdPaths.SQS).evaluate(sqs));
        assertEquals("m-2", EventPath.compile("Records[-1].messageId").evaluate(sqs));
        assertEquals("m-1", EventPath.compile("[0].messageId").evaluate(sqs.get("Records")));
    }

    @Test
    void missingNonScalarOrWronglyShapedValuesGiveNull() {
        Map<String, Object> event = Map.of("a", Map.of("b", List.of(1)), "n", 42, "t", true);
        EventPath path = EventPath.compile("a.b");
        assertNull(path.evaluate(event));
        assertNull(EventPath.compile("a.c").evaluate(event));
        assertNull(EventPath.compile("a[0]").evaluate(event));
        assertNull(EventPath.compile("a.b[5]").evaluate(event));
        assertNull(EventPath.compile("x.y").evaluate(null));
        assertEquals("42", EventPath.compile("n").evaluate(event));
        assertEquals("true", EventPath.compile("t").evaluate(event));
        assertEquals("1", EventPath.compile("a.b[0]").evaluate(event));
    }

    @Test
    void whatTheSubsetDoesNotSupportIsRefusedWithAClearMessage() {
        for (String unsupported : List.of("Records[*].messageId", "a | b", "a[?x=='1']", "length(a)", "a.b.",
                "a[1:2]", "{x: a}", "", "\"unterminated", "a..b", "a.*")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> EventPath.compile(unsupported), unsupported);
            assertTrue(error.getMessage().contains("correlation id path"), error.getMessage());
        }
    }
}
