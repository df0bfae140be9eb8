package dev.lambdalens.compat.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Powertools' functional logging, with the global runtime, written by a real Logback context as JSON. */
class PowertoolsLoggingTest {
    private final Logback logback = new Logback(Logback.config(""));
    private final Logger log = logback.logger("com.example");

    @Test
    void withLoggingRunsTheBlockAsAnInvocationAndReturnsItsValue() {
        String result = PowertoolsLogging.withLogging(TestContext.builder().awsRequestId("req-1").build(), () -> {
            log.info("inside");
            return "done";
        });
        assertEquals("done", result);
        JsonNode line = logback.lines().get(0);
        assertEquals("inside", line.path("message").asText());
        assertEquals("req-1", line.path("function_request_id").asText(), line::toString);
        assertEquals(1, logback.lines().size(), "no event, response or error line, as in Powertools");
    }

    @Test
    void theCorrelationIdComesFromTheEventAndTheMdcIsClearedAfterwards() {
        Map<String, Object> event = Map.of("requestContext", Map.of("requestId", "corr-9"));
        PowertoolsLogging.withLogging(TestContext.builder().awsRequestId("req-2").build(),
                "requestContext.requestId", event, () -> {
                    MDC.put("left", "behind");
                    log.info("correlated");
                    return null;
                });
        assertEquals("corr-9", logback.lines().get(0).path("correlation_id").asText(), logback.lines()::toString);
        assertNull(MDC.get("left"));
    }

    @Test
    void anInvalidSamplingRateIsIgnoredAndTheBlockRuns() {
        assertEquals("ran", PowertoolsLogging.withLogging(TestContext.create(), 7.5, () -> "ran"));
        assertEquals("ran", PowertoolsLogging.withLogging(TestContext.create(), Double.NaN, () -> "ran"));
    }

    @Test
    void anExceptionOfTheBlockIsRethrownUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> PowertoolsLogging.withLogging(TestContext.create(), () -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertFalse(logback.messages().contains("boom"), "Powertools' functional form logs no error");
    }

    @Test
    void flushAndClearOutsideAnInvocationDoNothing() {
        PowertoolsLogging.flushBuffer();
        PowertoolsLogging.clearBuffer();
        assertEquals(List.of(), logback.messages());
    }
}
