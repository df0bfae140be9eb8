package dev.lambdalens.logging;

import dev.lambdalens.core.MaskingSettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What logging costs at cold start, seen from the JVM's class-load log of a real function: lines with strings,
 * numbers, booleans, keys, MDC, key-value pairs, structured arguments and an exception, with masking by name,
 * path and value pattern, load no class of
 * jackson-databind (its first {@code ObjectMapper} costs about 100 ms); a line that serializes a bean loads it
 * then, and is still written and masked.
 */
class ClassLoadingTest {

    @Test
    void plainLinesLoadNoJacksonDatabindAndObjectsLoadItWhenNeeded(@TempDir Path dir) throws IOException {
        Path classLog = dir.resolve("class-load.log");
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.ClassLoadHandler::handleRequest")
                // Masking by path and value pattern (logstash's masking generator) is on too.
                .env(MaskingSettings.VALUES, "\\d{4}-\\d{4}")
                .env(LoggingSettings.MASK_PATHS, "order/id")
                .jvmArg("-Xlog:class+load=info:file=" + classLog).build()) {
            Invocation plain = runtime.invoke("\"plain\"");
            assertEquals(InvocationStatus.SUCCESS, plain.status(), plain.toString());
            List<String> databind = databindClasses(classLog);
            assertTrue(databind.isEmpty(), databind.size() + " jackson-databind classes loaded by plain lines, first: "
                    + databind.stream().limit(5).collect(Collectors.toList()));

            // Start-up work a log line does not need: Logback's StatusPrinter (a date formatter and the time-zone
            // database) and java.time formatting of the timestamp.
            List<String> avoidable = Files.readAllLines(classLog).stream()
                    .filter(line -> line.startsWith("ch.qos.logback.core.util.StatusPrinter")
                            || line.startsWith("java.time.format.DateTimePrintContext "))
                    .collect(Collectors.toList());
            assertTrue(avoidable.isEmpty(), "loaded at start: " + avoidable);

            List<JsonNode> lines = plain.stdout().stream().map(CapturedLog::parse).collect(Collectors.toList());
            JsonNode text = only(lines, "plain text");
            assertEquals("o-1", text.get("orderId").asText());
            assertEquals(2, text.get("attempt").asInt());
            assertEquals("t-1", text.get("tenant").asText());
            JsonNode pairs = only(lines, "pairs");
            assertEquals(9.5, pairs.get("amount").asDouble());
            assertTrue(pairs.get("paid").isBoolean() && pairs.get("paid").asBoolean());
            assertEquals(3L, pairs.get("items").asLong());
            JsonNode arguments = only(lines, "arguments");
            assertEquals(3, arguments.get("count").asInt());
            assertFalse(arguments.get("flag").asBoolean());
            assertEquals("n-1", arguments.get("name").asText());
            assertEquals("card ****", arguments.get("note").asText());
            assertEquals("boom", only(lines, "failed").at("/error/message").asText());

            Invocation objects = runtime.invoke("\"objects\"");
            assertEquals(InvocationStatus.SUCCESS, objects.status(), objects.toString());
            assertFalse(databindClasses(classLog).isEmpty(), "a bean is serialized by jackson-databind");
            List<JsonNode> objectLines = objects.stdout().stream().map(CapturedLog::parse).collect(Collectors.toList());
            JsonNode bean = only(objectLines, "bean");
            assertEquals("****", bean.at("/order/id").asText(), "masked by its path");
            assertEquals("****", bean.at("/order/password").asText());
            JsonNode fields = only(objectLines, "fields");
            assertEquals("o-3", fields.get("id").asText(), fields.toString());
            assertEquals("****", fields.get("password").asText());
            assertFalse(String.join("\n", objects.stdout()).contains("hunter"));
        }
    }

    @Test
    void aTypedEventAndResponseAreLoggedWithoutJacksonDatabind(@TempDir Path dir) throws IOException {
        Path classLog = dir.resolve("class-load.log");
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.EventClassLoadHandler::handleRequest")
                .jvmArg("-Xlog:class+load=info:file=" + classLog).build()) {
            Invocation invocation = runtime.invoke(EventLoggingTest.SQS);
            assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation.toString());
            // By jar and by package: the runtime client's own (shaded) Jackson is not jackson-databind.
            List<String> databind = Files.readAllLines(classLog).stream()
                    .filter(line -> line.contains("jackson-databind") || line.contains(" com.fasterxml.jackson.databind."))
                    .collect(Collectors.toList());
            assertTrue(databind.isEmpty(), databind.size() + " jackson-databind classes loaded, first: "
                    + databind.stream().limit(5).collect(Collectors.toList()));
            assertTrue(Files.readAllLines(classLog).stream()
                    .anyMatch(line -> line.contains(" com.fasterxml.jackson.core.JsonGenerator ")),
                    "the class-load log names classes as the filter expects");

            List<JsonNode> lines = invocation.stdout().stream().map(CapturedLog::parse).collect(Collectors.toList());
            JsonNode event = only(lines, "Handler Event");
            assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", event.at("/event/Records/0/messageId").asText(),
                    event.toString());
            assertEquals("arn:aws:sqs:us-east-1:123456789012:orders", event.at("/event/Records/0/eventSourceARN").asText());
            assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", event.get("correlation_id").asText());
            JsonNode response = only(lines, "Handler Response");
            assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d",
                    response.at("/response/batchItemFailures/0/itemIdentifier").asText(), response.toString());
        }
    }

    private static List<String> databindClasses(Path classLog) throws IOException {
        return Files.readAllLines(classLog).stream().filter(line -> line.contains("jackson-databind"))
                .collect(Collectors.toList());
    }

    private static JsonNode only(List<JsonNode> lines, String message) {
        List<JsonNode> found = lines.stream().filter(l -> message.equals(l.path("message").asText()))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "lines with message '" + message + "' in " + lines);
        return found.get(0);
    }
}
