package dev.lambdalens.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handlers run by the real Lambda runtime interface client in a child JVM, with Logback configured by Lambda
 * Lens's default configurator (no logback.xml on the test class path) or by a user's logback.xml. Every line
 * the function writes to standard output is parsed as JSON.
 */
class EndToEndTest {
    static final String API_GATEWAY_EVENT = "{\"resource\":\"/orders\",\"httpMethod\":\"POST\","
            + "\"headers\":{\"Authorization\":\"Bearer eyJhbGciOi.secret\",\"Content-Type\":\"application/json\"},"
            + "\"requestContext\":{\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",\"stage\":\"prod\"},"
            + "\"body\":\"{}\",\"action\":\"ok\",\"marker\":\"first\"}";

    @Test
    void wovenHandlerWritesJoinableMaskedLinesAndNeverLosesBufferedOnes() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.WovenHandler::handleRequest")
                .functionName("orders").env("POWERTOOLS_SERVICE_NAME", "orders-service")
                .env("AWS_LAMBDA_LOG_FORMAT", "JSON").timeout(Duration.ofSeconds(3)).build()) {
            Invocation first = runtime.invoke(API_GATEWAY_EVENT);
            Invocation second = runtime.invoke("{\"action\":\"worker\",\"marker\":\"second\"}");
            Invocation failed = runtime.invoke("{\"action\":\"fail\",\"marker\":\"third\"}");
            Invocation timedOut = runtime.invoke("{\"action\":\"slow\",\"millis\":10000,\"marker\":\"fourth\"}");

            assertEquals(InvocationStatus.SUCCESS, first.status(), first.toString());
            assertEquals(InvocationStatus.SUCCESS, second.status(), second.toString());
            assertEquals(InvocationStatus.FUNCTION_ERROR, failed.status());
            assertEquals(InvocationStatus.TIMEOUT, timedOut.status());
            assertEquals(4, Set.of(first.requestId(), second.requestId(), failed.requestId(), timedOut.requestId()).size());

            // Every key, joined with the trace the runtime sent.
            JsonNode handling = only(first, "handling first");
            for (String key : List.of("timestamp", "level", "message", "logger", "service", "cold_start",
                    "function_name", "function_arn", "function_version", "function_memory_size",
                    "function_request_id", "xray_trace_id", "correlation_id")) {
                assertTrue(handling.has(key), key + " missing in " + handling);
            }
            assertEquals("orders-service", handling.get("service").asText());
            assertEquals("orders", handling.get("function_name").asText());
            assertEquals(512, handling.get("function_memory_size").asInt());
            assertEquals(runtime.functionArn(), handling.get("function_arn").asText());
            assertEquals(first.requestId(), handling.get("function_request_id").asText());
            assertEquals(first.traceRoot().orElseThrow(), handling.get("xray_trace_id").asText());
            assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", handling.get("correlation_id").asText());
            assertTrue(handling.get("cold_start").asBoolean());
            assertEquals("first", handling.get("marker").asText());

            // The event is logged, masked.
            JsonNode event = only(first, "Handler Event");
            assertEquals("****", event.at("/event/headers/Authorization").asText());
            assertEquals("application/json", event.at("/event/headers/Content-Type").asText());
            assertFalse(String.join("\n", first.stdout()).contains("eyJhbGciOi"));

            // Buffered debug lines of a successful invocation are dropped.
            assertTrue(withMessage(first, "debug detail of first").isEmpty());

            // Later invocations: not a cold start, own ids, also on a worker thread.
            JsonNode worker = only(second, "from worker second");
            assertFalse(worker.get("cold_start").asBoolean());
            assertEquals(second.requestId(), worker.get("function_request_id").asText());
            assertEquals(second.traceRoot().orElseThrow(), worker.get("xray_trace_id").asText());
            assertEquals("second", worker.get("marker").asText());
            assertFalse(only(second, "handling second").has("correlation_id"));

            // A failure writes what was buffered, then the error.
            assertEquals(failed.requestId(), only(failed, "debug detail of third").get("function_request_id").asText());
            JsonNode error = only(failed, "Exception in Lambda Handler");
            assertEquals("java.lang.IllegalStateException", error.at("/error/name").asText());
            assertEquals("requested failure", error.at("/error/message").asText());

            // An invocation that times out writes its buffered lines before Lambda stops it.
            assertEquals(timedOut.requestId(),
                    only(timedOut, "debug detail of fourth").get("function_request_id").asText());

            List<String> all = runtime.stdoutLines();
            all.forEach(CapturedLog::parse);
            assertTrue(all.stream().anyMatch(line -> line.contains("\"message\":\"initializing\"")));
        }
    }

    @Test
    void linesLoggedAfterTheDeadlineFlushAreWrittenBeforeLambdaStopsTheFunction() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.BufferingHandler::handleRequest")
                .env("AWS_LAMBDA_LOG_FORMAT", "JSON").timeout(Duration.ofSeconds(3)).build()) {
            Invocation timedOut = runtime.invoke("{}");
            assertEquals(InvocationStatus.TIMEOUT, timedOut.status(), timedOut.toString());
            for (String message : List.of("held before the deadline flush", "logged after the deadline flush",
                    "info after the deadline flush")) {
                assertEquals(timedOut.requestId(), only(timedOut, message).get("function_request_id").asText());
            }
            List<String> order = timedOut.stdout().stream().map(CapturedLog::parse)
                    .map(l -> l.path("message").asText()).collect(Collectors.toList());
            assertTrue(order.indexOf("held before the deadline flush") < order.indexOf("logged after the deadline flush"),
                    order.toString());
        }
    }

    @Test
    void plainWrapperKeepsConcurrentInvocationsApart() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.PlainHandler::handleRequest")
                .maxConcurrency(4).env("AWS_LAMBDA_LOG_FORMAT", "JSON").build()) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add("{\"action\":\"slow\",\"millis\":300,\"marker\":\"m" + i + "\"}");
            }
            List<Invocation> results = runtime.invokeAll(events);
            List<JsonNode> lines = runtime.stdoutLines().stream().map(CapturedLog::parse).collect(Collectors.toList());
            Set<String> requestIds = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                Invocation invocation = results.get(i);
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation.toString());
                requestIds.add(invocation.requestId());
                for (String message : List.of("handling m" + i, "done m" + i)) {
                    JsonNode line = only(lines, message);
                    assertEquals(invocation.requestId(), line.get("function_request_id").asText(), line.toString());
                    assertEquals(invocation.traceRoot().orElseThrow(), line.get("xray_trace_id").asText());
                    assertEquals("m" + i, line.get("marker").asText());
                }
                assertEquals("ok:m" + i, only(lines, "Handler Response", invocation.requestId()).get("response").asText());
            }
            assertEquals(8, requestIds.size());
            long coldStarts = lines.stream().filter(l -> l.path("cold_start").asBoolean(false))
                    .map(l -> l.get("function_request_id").asText()).distinct().count();
            assertEquals(1, coldStarts, "one cold start, decided once, even with concurrent invocations");
        }
    }

    @Test
    void theUsersLogbackXmlWinsOverTheDefault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("logback.xml"), "<configuration>\n"
                + "  <appender name=\"JSON\" class=\"dev.lambdalens.logging.LambdaJsonAppender\">\n"
                + "    <encoder class=\"dev.lambdalens.logging.LambdaJsonEncoder\">\n"
                + "      <service>from-logback-xml</service>\n"
                + "      <maskedField>marker</maskedField>\n"
                + "      <maskedValue>detail</maskedValue>\n"
                + "      <mask>[hidden]</mask>\n"
                + "      <providers><threadName><fieldName>thread</fieldName></threadName></providers>\n"
                + "    </encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"DEBUG\"><appender-ref ref=\"JSON\"/></root>\n"
                + "</configuration>\n");
        String classpath = dir + File.pathSeparator
                + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.PlainHandler::handleRequest")
                .classpath(classpath).build()) {
            Invocation invocation = runtime.invoke("{\"marker\":\"xml\"}");
            assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation.toString());
            JsonNode debug = only(invocation, "debug [hidden] of xml");
            assertEquals("from-logback-xml", debug.get("service").asText());
            assertEquals("[hidden]", debug.get("marker").asText());
            assertTrue(debug.get("thread").asText().length() > 0, "a provider added in XML is written too");
            assertEquals(invocation.requestId(), debug.get("function_request_id").asText());
        }
    }

    private static JsonNode only(Invocation invocation, String message) {
        List<JsonNode> found = withMessage(invocation, message);
        assertEquals(1, found.size(), "lines with message '" + message + "' in " + invocation.stdout()
                + "\nstderr: " + invocation.stderr());
        return found.get(0);
    }

    private static List<JsonNode> withMessage(Invocation invocation, String message) {
        List<JsonNode> lines = invocation.stdout().stream().map(CapturedLog::parse).collect(Collectors.toList());
        return lines.stream().filter(l -> message.equals(l.path("message").asText())).collect(Collectors.toList());
    }

    private static JsonNode only(List<JsonNode> lines, String message) {
        List<JsonNode> found = lines.stream().filter(l -> message.equals(l.path("message").asText()))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "lines with message '" + message + "'");
        return found.get(0);
    }

    private static JsonNode only(List<JsonNode> lines, String message, String requestId) {
        List<JsonNode> found = lines.stream().filter(l -> message.equals(l.path("message").asText())
                && requestId.equals(l.path("function_request_id").asText())).collect(Collectors.toList());
        assertEquals(1, found.size(), "lines with message '" + message + "' of " + requestId);
        return found.get(0);
    }
}
