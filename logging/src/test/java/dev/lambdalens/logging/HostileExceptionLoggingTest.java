package dev.lambdalens.logging;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging an exception that throws when read: before, the log call itself threw and the line was lost. */
class HostileExceptionLoggingTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileExceptionLoggingTest.class);

    static final class MessageThrows extends IllegalStateException {
        @Override
        public String getMessage() {
            throw new UnsupportedOperationException("no message");
        }
    }

    static final class StackThrows extends IllegalStateException {
        StackThrows() {
            super("token=abc123 failed");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("no stack");
        }
    }

    @Test
    void theLineIsWrittenWithTheExceptionsClassAndWhatCouldBeRead() {
        try (CapturedLog log = CapturedLog.install()) {
            assertDoesNotThrow(() -> LOG.error("failed", new MessageThrows()));
            assertDoesNotThrow(() -> LOG.error("failed {} times", 3, new StackThrows()));
            assertDoesNotThrow(() -> LOG.error("cause", new RuntimeException("outer", new MessageThrows())));
            LOG.info("after");
            List<JsonNode> lines = log.lines();
            assertEquals(4, lines.size(), log.text());
            assertEquals(MessageThrows.class.getName(), lines.get(0).at("/error/name").asText());
            assertTrue(lines.get(0).at("/error/message").asText().contains("getMessage() threw"), log.text());
            assertEquals("failed 3 times", lines.get(1).get("message").asText());
            assertEquals(StackThrows.class.getName(), lines.get(1).at("/error/name").asText());
            assertEquals("token=**** failed", lines.get(1).at("/error/message").asText(), "masked as any line");
            assertEquals("ERROR", lines.get(2).get("level").asText());
            assertEquals("after", lines.get(3).get("message").asText());
        }
    }

    static final class ToStringThrows {
        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }

    @Test
    void anArgumentWhoseToStringThrowsIsReportedOnceNotPrintedBySlf4jOnEveryCall() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        try (CapturedLog log = CapturedLog.install()) {
            System.setErr(new java.io.PrintStream(err, true));
            LOG.info("value {} and {}", new ToStringThrows(), 7);
            LOG.info("value {} and {}", new ToStringThrows(), 8);
            List<JsonNode> lines = log.lines();
            assertEquals("value [FAILED toString()] and 7", lines.get(0).get("message").asText());
            assertEquals("value [FAILED toString()] and 8", lines.get(1).get("message").asText());
        } finally {
            System.setErr(original);
        }
        // Before: SLF4J printed "SLF4J(E): Failed toString() invocation ..." and a stack trace for each call.
        assertTrue(!err.toString().contains("SLF4J(E)"), err.toString());
    }
}
