package dev.lambdalens.tracing.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exceptions whose own methods throw: the subsegments are still sent with their fault and a cause, and the
 * function's exception reaches the runtime unchanged.
 */
class HostileExceptionsTest {
    private final InProcessTracing tracing = new InProcessTracing();

    @AfterEach
    void close() {
        tracing.close();
    }

    /** Which of the exception's methods throw. */
    enum Hostility {
        MESSAGE, TO_STRING, STACK_TRACE, CAUSE, ALL
    }

    /** An exception whose chosen methods throw. */
    static final class HostileException extends RuntimeException {
        private final Hostility hostility;

        HostileException(Hostility hostility) {
            super("hostile", new IllegalArgumentException("the real cause"));
            this.hostility = hostility;
        }

        private void maybeThrow(Hostility method) {
            if (hostility == method || hostility == Hostility.ALL) {
                throw new IllegalStateException(method + " refuses");
            }
        }

        @Override
        public String getMessage() {
            maybeThrow(Hostility.MESSAGE);
            return super.getMessage();
        }

        @Override
        public String toString() {
            maybeThrow(Hostility.TO_STRING);
            return super.toString();
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            maybeThrow(Hostility.STACK_TRACE);
            return super.getStackTrace();
        }

        @Override
        public synchronized Throwable getCause() {
            maybeThrow(Hostility.CAUSE);
            return super.getCause();
        }
    }

    @ParameterizedTest
    @EnumSource(Hostility.class)
    void theHandlerSubsegmentIsSentWithFaultAndCause(Hostility hostility) {
        HostileException failure = new HostileException(hostility);
        HostileException thrown = assertThrows(HostileException.class, () -> tracing.invoke((e, c) -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        JsonNode handler = awaitOne("## handleRequest");
        assertFaultWithCause(handler);
        assertTrue(handler.path("metadata").path("svc").has("handleRequest error"), handler::toString);
    }

    @ParameterizedTest
    @EnumSource(Hostility.class)
    void aSubsegmentBlockIsSentWithFaultAndCause(Hostility hostility) {
        HostileException failure = new HostileException(hostility);
        HostileException thrown = assertThrows(HostileException.class, () -> tracing.invoke((e, c) ->
                LambdaTracing.withSubsegment("## step", () -> {
                    throw failure;
                })));
        assertSame(failure, thrown);
        JsonNode handler = awaitOne("## handleRequest");
        assertFaultWithCause(handler);
        JsonNode step = handler.path("subsegments").get(0);
        assertEquals("## step", step.path("name").asText(), handler::toString);
        assertFaultWithCause(step);
    }

    private JsonNode awaitOne(String name) {
        tracing.daemon.awaitDocuments(1, Duration.ofSeconds(5), d -> name.equals(d.path("name").asText()));
        tracing.assertAllValid();
        List<JsonNode> documents = tracing.named(name);
        assertEquals(1, documents.size(), documents::toString);
        return documents.get(0);
    }

    private static void assertFaultWithCause(JsonNode subsegment) {
        assertTrue(subsegment.path("fault").asBoolean(), subsegment::toString);
        JsonNode exception = subsegment.path("cause").path("exceptions").get(0);
        assertEquals(HostileException.class.getName(), exception.path("type").asText(), subsegment::toString);
    }
}
