package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java wrapper with the logging interceptor, in process, with real Logback. */
class LoggingInterceptorTest {
    private static final Logger LOG = LoggerFactory.getLogger("app");

    private static Map<String, Object> apiGatewayEvent() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("Authorization", "Bearer secret-token");
        headers.put("Content-Type", "application/json");
        Map<String, Object> event = new HashMap<>();
        event.put("headers", headers);
        event.put("requestContext", Map.of("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"));
        event.put("body", "{\"order\":1}");
        return event;
    }

    @Test
    void logsTheMaskedEventTheResponseAndTheCorrelationId() {
        TestLens lens = Kit.lens();
        RequestHandler<Map<String, Object>, String> handler = ObservedHandler.<Map<String, Object>, String>wrap(
                        (event, context) -> {
                            LOG.info("handling");
                            return "done";
                        })
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).logResponse(true)
                        .correlationIdPath(CorrelationIdPaths.API_GATEWAY_REST).build())
                .runtime(lens.runtime()).build();
        Map<String, Object> event = apiGatewayEvent();
        try (CapturedLog log = CapturedLog.install()) {
            assertEquals("done", handler.handleRequest(event, Kit.context(lens, "r1")));
            JsonNode logged = lens.logs().line("Handler Event");
            assertEquals("****", logged.at("/event/headers/Authorization").asText());
            assertEquals("application/json", logged.at("/event/headers/Content-Type").asText());
            assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", logged.get("correlation_id").asText());
            assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", lens.logs().line("handling").get("correlation_id").asText());
            assertEquals("done", lens.logs().line("Handler Response").get("response").asText());
            assertFalse(lens.logs().toString().contains("secret-token"));
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
        assertEquals("Bearer secret-token", ((Map<?, ?>) event.get("headers")).get("Authorization"));
    }

    @Test
    void anEventThatCannotBeSerializedGivesANote() {
        TestLens lens = Kit.lens();
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        RequestHandler<Object, String> handler = ObservedHandler.<Object, String>wrap((event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            assertEquals("ok", handler.handleRequest(cyclic, Kit.context(lens, "r1")));
            assertEquals("ok", handler.handleRequest(new LambdaJsonEncoderTest.FailingBean(), Kit.context(lens, "r2")));
            assertEquals("ok", handler.handleRequest(Map.of("big", "x".repeat(300_000)), Kit.context(lens, "r3")));
            List<JsonNode> events = lens.logs().withMessage("Handler Event");
            assertEquals(3, events.size(), lens.logs().toString());
            assertTrue(events.get(0).get("event").asText().contains("could not be serialized"), events.get(0).toString());
            assertTrue(events.get(1).get("event").asText().contains("getter failed"), events.get(1).toString());
            assertTrue(events.get(2).get("event").asText().contains("larger than"), events.get(2).toString());
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void anUncaughtErrorFlushesTheBufferAndIsLogged() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("debug detail {}", event);
                    LOG.info("info line {}", event);
                    if (event.equals("fail")) {
                        throw new IllegalStateException("broken");
                    }
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).buffering(true).logError(true).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            assertEquals("ok", handler.handleRequest("fine", Kit.context(lens, "ok-1")));
            assertTrue(lens.logs().withMessage("debug detail fine").isEmpty(), "buffered debug dropped on success");
            lens.logs().line("info line fine");
            assertThrows(IllegalStateException.class, () -> handler.handleRequest("fail", Kit.context(lens, "bad-1")));
            JsonNode debug = lens.logs().line("debug detail fail");
            assertEquals("bad-1", debug.get("function_request_id").asText());
            JsonNode error = lens.logs().line("Exception in Lambda Handler");
            assertEquals("broken", error.at("/error/message").asText());
            List<JsonNode> lines = lens.logs().all();
            assertTrue(lines.indexOf(debug) < lines.indexOf(error), "buffered lines come before the error");
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void anErrorLineFlushesTheBufferAndTheBoundEvictsTheOldest() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    for (int i = 0; i < 50; i++) {
                        LOG.debug("detail {}", i);
                    }
                    LOG.error("something went wrong");
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).buffering(true).bufferMaxBytes(4000)
                        .build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            handler.handleRequest("x", Kit.context(lens, "e-1"));
            List<JsonNode> lines = lens.logs().all();
            JsonNode dropped = lines.get(0);
            int droppedCount = dropped.at("/lambda_lens/dropped_buffered_lines").asInt();
            assertTrue(droppedCount > 0, dropped.toString());
            assertEquals("e-1", dropped.get("function_request_id").asText());
            List<JsonNode> details = lens.logs().all().stream()
                    .filter(l -> l.get("message").asText().startsWith("detail ")).toList();
            assertEquals(50, droppedCount + details.size());
            assertEquals("detail 49", details.get(details.size() - 1).get("message").asText());
            assertEquals("detail " + droppedCount, details.get(0).get("message").asText());
            assertTrue(lens.logs().texts().stream().mapToInt(text -> text.length() + 1).sum() < 4000 + 2000, "bounded by bytes");
            assertEquals("something went wrong", lines.get(lines.size() - 1).get("message").asText());
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void theDroppedLinesNoteIsWrittenOnItsOwnWhenNoBufferedLineIsLeft() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("a detail larger than the whole buffer {}", "x".repeat(500));
                    LOG.debug("another one {}", "y".repeat(500));
                    throw new IllegalStateException("failed");
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).buffering(true).bufferMaxBytes(100).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            assertThrows(IllegalStateException.class, () -> handler.handleRequest("x", Kit.context(lens, "d-1")));
            List<JsonNode> notes = lens.logs().all().stream()
                    .filter(l -> l.at("/lambda_lens/dropped_buffered_lines").isInt()).toList();
            assertEquals(1, notes.size(), lens.logs().toString());
            assertEquals(2, notes.get(0).at("/lambda_lens/dropped_buffered_lines").asInt());
            assertEquals("d-1", notes.get(0).get("function_request_id").asText());
            assertEquals(Kit.TRACE_ID, notes.get(0).get("xray_trace_id").asText());
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void bufferedLinesAreWrittenBeforeTheDeadline() throws Exception {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("before the timeout");
                    sleep(700);
                    return "late";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).buffering(true)
                        .deadlineMargin(Duration.ofMillis(300)).build())
                .runtime(lens.runtime()).build();
        TestContext context = TestContext.builder().awsRequestId("slow-1").timeout(Duration.ofMillis(600))
                .xrayTraceId(Kit.TRACE_HEADER).build();
        try (CapturedLog log = CapturedLog.install()) {
            ExecutorService runner = Executors.newSingleThreadExecutor();
            Future<String> result = runner.submit(() -> handler.handleRequest("x", context));
            sleep(500);
            JsonNode line = lens.logs().line("before the timeout");
            assertEquals("slow-1", line.get("function_request_id").asText());
            assertEquals("late", result.get(5, TimeUnit.SECONDS));
            runner.shutdown();
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void debugSamplingAppliesToTheSampledInvocationOnly() throws Exception {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> sampled = ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("debug in {}", event);
                    sleep(200);
                    LOG.debug("debug again in {}", event);
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).samplingRate(1.0).build())
                .runtime(lens.runtime()).build();
        RequestHandler<String, String> plain = ObservedHandler.<String, String>wrap((event, context) -> {
                    LOG.debug("debug in {}", event);
                    sleep(200);
                    LOG.debug("debug again in {}", event);
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).samplingRate(0).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<String> a = pool.submit(() -> sampled.handleRequest("sampled", Kit.context(lens, "s-1")));
            Future<String> b = pool.submit(() -> plain.handleRequest("concurrent", Kit.context(lens, "p-1")));
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            plain.handleRequest("later", Kit.context(lens, "p-2"));
            LOG.debug("outside any invocation");
            pool.shutdown();
            JsonNode line = lens.logs().line("debug in sampled");
            assertEquals(1.0, line.get("sampling_rate").asDouble());
            lens.logs().line("debug again in sampled");
            assertTrue(lens.logs().withMessage("debug in concurrent").isEmpty(), lens.logs().toString());
            assertTrue(lens.logs().withMessage("debug again in concurrent").isEmpty());
            assertTrue(lens.logs().withMessage("debug in later").isEmpty());
            assertTrue(log.withMessage("outside any invocation").isEmpty());
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void workerThreadsAndConcurrentInvocationsCarryTheirOwnIds() throws Exception {
        TestLens lens = Kit.lens();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LambdaLogging.appendKey("order", event);
                    try {
                        workers.submit(InvocationScope.current().wrap(() -> LOG.info("worker of {}", event)))
                                .get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    LOG.info("handler of {}", event);
                    return event;
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "o" + i;
                results.add(callers.submit(() -> {
                    start.await();
                    return handler.handleRequest(id, TestContext.builder().awsRequestId("req-" + id)
                            .xrayTraceId("Root=1-5759e988-bd862e3fe1be46a99427279" + id.charAt(1)
                                    + ";Parent=53995c3f42cd8ad8;Sampled=1").build());
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
            callers.shutdown();
            workers.shutdown();
            for (int i = 0; i < 8; i++) {
                for (String who : List.of("worker", "handler")) {
                    JsonNode line = lens.logs().line(who + " of o" + i);
                    assertEquals("req-o" + i, line.get("function_request_id").asText(), line.toString());
                    assertEquals("1-5759e988-bd862e3fe1be46a99427279" + i, line.get("xray_trace_id").asText());
                    assertEquals("o" + i, line.get("order").asText());
                }
            }
            LOG.info("after");
            assertFalse(log.only("after").has("order"), "invocation keys end with the invocation");
            assertEquals(List.of("after"), log.lines().stream().map(l -> l.path("message").asText()).toList(),
                    "only the line written outside an invocation is on the stream");
        }
    }

    @Test
    void keysPersistentKeysAndReservedNames() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LambdaLogging.appendKey("customer", "c-1");
                    LambdaLogging.appendKeys(Map.of("region", "eu", "level", "x"));
                    LambdaLogging.removeKey("region");
                    LOG.info("with keys");
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            LambdaLogging.appendPersistentKey("deployment", "blue");
            LambdaLogging.appendKey("lost", "outside");
            handler.handleRequest("x", Kit.context(lens, "k-1"));
            LOG.info("outside");
            JsonNode line = lens.logs().line("with keys");
            assertEquals("c-1", line.get("customer").asText());
            assertEquals("blue", line.get("deployment").asText());
            assertEquals("INFO", line.get("level").asText());
            assertFalse(line.has("region"));
            assertEquals("blue", log.only("outside").get("deployment").asText());
            assertFalse(log.only("outside").has("lost"));
            assertEquals(List.of("outside"), log.lines().stream().map(l -> l.path("message").asText()).toList(),
                    "only the line written outside an invocation is on the stream");
        } finally {
            LambdaLogging.removePersistentKey("deployment");
        }
    }

    @Test
    void nullKeysAreReportedOnceAndTheHandlerGoesOn() {
        TestLens lens = Kit.lens();
        Map<String, Object> withNullKey = new java.util.HashMap<>();
        withNullKey.put(null, "lost");
        withNullKey.put("kept", "k");
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    LambdaLogging.appendKey(null, "x");
                    LambdaLogging.appendKeys(null);
                    LambdaLogging.appendKeys(withNullKey);
                    LOG.info("after null keys");
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            assertEquals("ok", handler.handleRequest("x", Kit.context(lens, "n-1")));
            assertEquals("ok", handler.handleRequest("x", Kit.context(lens, "n-2")));
        }
        List<JsonNode> lines = lens.logs().withMessage("after null keys");
        assertEquals(2, lines.size(), lens.logs()::toString);
        assertEquals("k", lines.get(0).get("kept").asText());
        assertEquals(1, lens.diagnostics().stream().filter(d -> d.contains("appendKey got a null key")).count(),
                lens.diagnostics()::toString);
        assertEquals(1, lens.diagnostics().stream().filter(d -> d.contains("appendKeys got null")).count(),
                lens.diagnostics()::toString);
    }

    @Test
    void anUnsupportedCorrelationPathIsReportedOnceAtTheFirstInvocation() {
        TestLens lens = Kit.lens();
        RequestHandler<Map<String, Object>, String> handler = ObservedHandler.<Map<String, Object>, String>wrap(
                        (event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime())
                        .correlationIdPath("Records[*].messageId").build())
                .runtime(lens.runtime()).build();
        assertTrue(lens.diagnostics().isEmpty(), "nothing reported at construction");
        try (CapturedLog log = CapturedLog.install()) {
            handler.handleRequest(Map.of(), Kit.context(lens, "c-1"));
            handler.handleRequest(Map.of(), Kit.context(lens, "c-2"));
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
        assertEquals(1, lens.diagnostics().size(), lens.diagnostics().toString());
        assertTrue(lens.diagnostics().get(0).contains("Records[*].messageId"));
    }

    @Test
    void environmentConfiguresWhatCodeDoesNotSet() {
        TestLens lens = Kit.lens(Map.of("POWERTOOLS_LOGGER_LOG_EVENT", "true", "POWERTOOLS_LOGGER_SAMPLE_RATE", "7"));
        RequestHandler<String, String> fromEnv = ObservedHandler.<String, String>wrap((event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).build()).runtime(lens.runtime()).build();
        RequestHandler<String, String> fromCode = ObservedHandler.<String, String>wrap((event, context) -> "ok")
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(false).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            fromEnv.handleRequest("env", Kit.context(lens, "e-1"));
            fromCode.handleRequest("code", Kit.context(lens, "e-2"));
            assertEquals("env", lens.logs().line("Handler Event").get("event").asText());
            assertFalse(lens.logs().line("Handler Event").has("sampling_rate"), "an invalid rate turns sampling off");
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
        assertTrue(lens.diagnostics().stream().anyMatch(d -> d.contains("POWERTOOLS_LOGGER_SAMPLE_RATE")));
    }

    @Test
    void lambdaLogLevelWinsOverALowerPowertoolsLevelWithOneWarning() {
        TestLens lens = Kit.lens(Map.of("POWERTOOLS_LOG_LEVEL", "DEBUG", "AWS_LAMBDA_LOG_LEVEL", "WARN"));
        assertEquals(Level.WARN, dev.lambdalens.logging.internal.LogLevels.resolve(
                lens.runtime().configuration(), lens.runtime().diagnostics()));
        assertEquals(1, lens.diagnostics().size());
        TestLens only = Kit.lens(Map.of("POWERTOOLS_LOG_LEVEL", "warning"));
        assertEquals(Level.WARN, dev.lambdalens.logging.internal.LogLevels.resolve(
                only.runtime().configuration(), only.runtime().diagnostics()));
        assertTrue(only.diagnostics().isEmpty());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
