package dev.lambdalens.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.logging.e2e.WovenStreamHandler;
import dev.lambdalens.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The woven aspect in process: the event of a stream handler is logged (masked) and still reaches the handler. */
class WovenAspectTest {

    @Test
    void aStreamEventIsLoggedAndHandedOnUnchanged() throws Exception {
        String event = "{\"headers\":{\"X-Api-Key\":\"k-1\"},\"id\":7}";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (CapturedLog log = CapturedLog.install()) {
            new WovenStreamHandler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    output, TestContext.builder().awsRequestId("stream-1").functionName("orders")
                            .xrayTraceId(Kit.TRACE_HEADER).build());
            JsonNode logged = log.only("Handler Event");
            assertEquals(7, logged.at("/event/id").asInt());
            assertEquals("****", logged.at("/event/headers/X-Api-Key").asText());
            assertEquals("stream-1", logged.get("function_request_id").asText());
            assertEquals("stream-1", log.only("read " + event.length() + " bytes").get("function_request_id").asText());
        }
        assertEquals(event, output.toString(StandardCharsets.UTF_8));
    }
}
