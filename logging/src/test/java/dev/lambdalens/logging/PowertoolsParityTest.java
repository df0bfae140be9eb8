package dev.lambdalens.logging;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.e2e.PowertoolsStyleHandler;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Powertools for AWS Lambda (Java) 2.10 writes, checked against its source ({@code LambdaLoggingAspect},
 * {@code PowertoolsLogging}) and {@code docs/core/logging.md}: the messages and the logger of the event, response
 * and error lines, and the sampling rate's precedence. Real Logback, real JSON.
 */
class PowertoolsParityTest {
    private static final Logger LOG = LoggerFactory.getLogger("app");

    @Test
    void theWovenHandlerWritesPowertoolsMessagesWithTheHandlerClassAsLogger() {
        String handlerClass = PowertoolsStyleHandler.class.getName();
        PowertoolsStyleHandler handler = new PowertoolsStyleHandler();
        try (CapturedLog log = CapturedLog.install()) {
            handler.handleRequest(Map.of("action", "pay", "password", "hunter2"), context("w-1"));
            assertThrows(IllegalStateException.class, () -> handler.handleRequest(Map.of("action", "fail"),
                    context("w-2")));
            JsonNode event = log.withMessage("Handler Event").get(0);
            assertEquals(handlerClass, event.get("logger").asText());
            assertEquals("pay", event.at("/event/action").asText());
            assertEquals("****", event.at("/event/password").asText(), "masking applies to the event line");
            JsonNode response = log.only("Handler Response");
            assertEquals(handlerClass, response.get("logger").asText());
            assertEquals("done pay", response.get("response").asText());
            JsonNode error = log.only("Exception in Lambda Handler");
            assertEquals(handlerClass, error.get("logger").asText());
            assertEquals("ERROR", error.get("level").asText());
            assertEquals("requested failure", error.at("/error/message").asText());
            assertEquals("w-2", error.get("function_request_id").asText());
            assertFalse(log.text().contains("hunter2"));
        }
    }

    @Test
    void plainJavaNamesTheLoggerAfterTheHandlerLambdaCalls() {
        TestLens lens = Kit.lens(Map.of("_HANDLER", "com.example.OrderHandler::handleRequest"));
        RequestHandler<Map<String, Object>, String> handler = ObservedHandler.<Map<String, Object>, String>wrap(
                        (event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).logResponse(true).build())
                .runtime(lens.runtime()).build();
        handler.handleRequest(Map.of("Authorization", "Bearer abc"), Kit.context(lens, "p-1"));
        JsonNode event = lens.logs().line("Handler Event");
        assertEquals("com.example.OrderHandler", event.get("logger").asText());
        assertEquals("****", event.at("/event/Authorization").asText());
        assertEquals("com.example.OrderHandler", lens.logs().line("Handler Response").get("logger").asText());
    }

    @Test
    void withoutAHandlerNameTheLensLoggerIsUsedAndCodeCanNameOne() {
        TestLens lens = Kit.lens(Map.of("_HANDLER", "  ::"));
        RequestHandler<String, String> unnamed = ObservedHandler.<String, String>wrap((event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).build())
                .runtime(lens.runtime()).build();
        RequestHandler<String, String> named = ObservedHandler.<String, String>wrap((event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).loggerName("orders.Api").build())
                .runtime(lens.runtime()).build();
        unnamed.handleRequest("a", Kit.context(lens, "n-1"));
        named.handleRequest("b", Kit.context(lens, "n-2"));
        assertEquals("dev.lambdalens.logging.LambdaLogging",
                lens.logs().withMessage("Handler Event").get(0).get("logger").asText());
        assertEquals("orders.Api", lens.logs().withMessage("Handler Event").get(1).get("logger").asText());
    }

    @Test
    void theSampleRateVariableWinsOverTheRateSetInCode() {
        // Powertools: "Configuration via environment variable is given precedence over sampling rate
        // configuration, provided it's in valid value range" (PowertoolsLogging.getEffectiveSamplingRate).
        TestLens off = Kit.lens(Map.of("POWERTOOLS_LOGGER_SAMPLE_RATE", "0"));
        debugLine(off, 1.0).handleRequest("off", Kit.context(off, "s-1"));
        assertTrue(off.logs().withMessage("debug in off").isEmpty(), off.logs().toString());

        TestLens on = Kit.lens(Map.of("POWERTOOLS_LOGGER_SAMPLE_RATE", "1"));
        debugLine(on, 0).handleRequest("on", Kit.context(on, "s-2"));
        assertEquals(1.0, on.logs().line("debug in on").get("sampling_rate").asDouble());
    }

    @Test
    void anUnusableSampleRateVariableIsReportedAndTheRateInCodeApplies() {
        TestLens lens = Kit.lens(Map.of("POWERTOOLS_LOGGER_SAMPLE_RATE", "1.5"));
        debugLine(lens, 1.0).handleRequest("code", Kit.context(lens, "s-3"));
        assertEquals(1.0, lens.logs().line("debug in code").get("sampling_rate").asDouble());
        assertEquals(1, lens.diagnostics().stream().filter(d -> d.contains("POWERTOOLS_LOGGER_SAMPLE_RATE")).count(),
                lens.diagnostics().toString());
    }

    private static RequestHandler<String, String> debugLine(TestLens lens, double rateInCode) {
        return ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("debug in {}", event);
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).samplingRate(rateInCode).build())
                .runtime(lens.runtime()).build();
    }

    private static TestContext context(String requestId) {
        return TestContext.builder().awsRequestId(requestId).functionName("orders").xrayTraceId(Kit.TRACE_HEADER)
                .build();
    }
}
