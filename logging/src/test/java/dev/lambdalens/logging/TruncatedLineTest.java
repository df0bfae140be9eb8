package dev.lambdalens.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line over the size cap keeps what an on-call engineer needs: the error's type, a cut message and stack. */
class TruncatedLineTest {
    private static final Logger LOG = LoggerFactory.getLogger(TruncatedLineTest.class);

    @Test
    void aLineCutForSizeKeepsTheErrorTypeACutMessageAndACutStack() {
        for (int cap : List.of(2048, 4096, LambdaJsonEncoder.DEFAULT_MAX_LINE_BYTES)) {
            LambdaJsonEncoder encoder = new LambdaJsonEncoder();
            encoder.setMaxLineBytes(cap);
            try (CapturedLog log = CapturedLog.install(java.util.Map.of(), encoder)) {
                Exception cause = new IllegalArgumentException("root cause " + "c".repeat(400_000));
                LOG.error("failed " + "m".repeat(300_000), new IllegalStateException("e".repeat(1_000_000), cause));
                String raw = log.text();
                assertTrue(raw.getBytes(StandardCharsets.UTF_8).length <= cap, cap + ": " + raw.length());
                JsonNode line = log.lines().get(0);
                assertTrue(line.at("/lambda_lens/truncated").asBoolean(), line.toString());
                assertTrue(line.get("message").asText().startsWith("failed mmm"), line.toString());
                JsonNode error = line.get("error");
                assertEquals("java.lang.IllegalStateException", error.get("name").asText(), line.toString());
                assertTrue(error.get("message").asText().startsWith("eeee"), error.toString());
                assertTrue(error.get("message").asText().endsWith("...[truncated]"), error.toString());
                String stack = error.get("stack").asText();
                assertTrue(stack.startsWith("java.lang.IllegalStateException: eee"), stack);
                assertTrue(stack.contains("\tat dev.lambdalens.logging.TruncatedLineTest"), stack);
                if (cap > 4096) {
                    assertTrue(stack.contains("Caused by: java.lang.IllegalArgumentException: root cause ccc"), stack);
                }
            }
        }
    }

    @Test
    void escapedAndMultiByteTextStaysWithinTheCapInAnInvocation() {
        TestLens lens = Kit.lens();
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setMaxLineBytes(2048);
        try (CapturedLog log = CapturedLog.install(java.util.Map.of(), encoder)) {
            String hard = "\u0001\"é😀".repeat(50_000);
            try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "t-1"))) {
                LOG.warn(hard, new IllegalStateException(hard));
            }
            String raw = lens.logs().texts().get(0);
            assertTrue(raw.getBytes(StandardCharsets.UTF_8).length < 2048, "length " + raw.length());
            JsonNode line = CapturedLog.parse(raw);
            assertEquals("t-1", line.get("function_request_id").asText());
            assertEquals("java.lang.IllegalStateException", line.at("/error/name").asText(), raw);
            assertTrue(line.at("/error/message").asText().startsWith("\u0001\"é😀"), raw);
        }
    }

    @Test
    void aShortErrorOnALongLineIsKeptWhole() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setMaxLineBytes(4096);
        try (CapturedLog log = CapturedLog.install(java.util.Map.of(), encoder)) {
            LOG.error("x".repeat(10_000), new IllegalStateException("short"));
            JsonNode line = log.lines().get(0);
            assertEquals("short", line.at("/error/message").asText(), line.toString());
            assertTrue(line.at("/error/stack").asText().startsWith("java.lang.IllegalStateException: short\n\tat "),
                    line.toString());
        }
    }
}
