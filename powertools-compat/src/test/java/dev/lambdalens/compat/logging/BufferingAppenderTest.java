package dev.lambdalens.compat.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BufferingAppender configured by Powertools' XML in a real Logback context, its JSON output parsed. */
class BufferingAppenderTest {
    private final TestLens lens = TestLens.create();

    private void invoke(String requestId, Runnable body) {
        invoke(requestId, Duration.ofMinutes(1), body);
    }

    private void invoke(String requestId, Duration timeout, Runnable body) {
        ObservedHandler.<String, String>wrap((event, context) -> {
                    body.run();
                    return "ok";
                })
                .runtime(lens.runtime()).build()
                .handleRequest("event", lens.context().awsRequestId(requestId).timeout(timeout).build());
    }

    @Test
    void debugLinesAreHeldAndDroppedOnSuccessOtherLinesPass() {
        Logback logback = new Logback(Logback.config(""));
        Logger log = logback.logger("com.example");
        invoke("r-1", () -> {
            log.debug("held");
            log.info("passes");
        });
        assertEquals(List.of("passes"), logback.messages());
        assertEquals("r-1", logback.lines().get(0).path("function_request_id").asText());
        assertEquals(List.of(), logback.errors());
    }

    @Test
    void anErrorWritesTheHeldLinesFirstWithTheInvocationsIds() {
        Logback logback = new Logback(Logback.config("<flushOnErrorLog>true</flushOnErrorLog>"));
        Logger log = logback.logger("com.example");
        invoke("r-2", () -> {
            log.debug("one {}", 1);
            log.info("info");
            log.debug("two");
            log.error("failed");
            log.debug("after the error");
        });
        assertEquals(List.of("info", "one 1", "two", "failed"), logback.messages());
        for (JsonNode line : logback.lines()) {
            assertEquals("r-2", line.path("function_request_id").asText(), line::toString);
        }
        assertEquals("DEBUG", logback.lines().get(1).path("level").asText());
    }

    @Test
    void withoutFlushOnErrorLogTheBufferIsWrittenOrDroppedByHand() {
        Logback logback = new Logback(Logback.config("<flushOnErrorLog>false</flushOnErrorLog>"));
        Logger log = logback.logger("com.example");
        invoke("r-3", () -> {
            log.debug("kept");
            log.error("failed");
            PowertoolsLogging.flushBuffer();
            log.debug("dropped");
            PowertoolsLogging.clearBuffer();
            PowertoolsLogging.flushBuffer();
        });
        assertEquals(List.of("failed", "kept"), logback.messages());
    }

    @Test
    void overflowEvictsTheOldestAndWarnsWithPowertoolsMessageBeforeTheRest() {
        Logback logback = new Logback(Logback.config("<maxBytes>10</maxBytes>"));
        Logger log = logback.logger("com.example");
        invoke("r-4", () -> {
            log.debug("aaaa");
            log.debug("bbbb");
            log.debug("cccc");
            log.debug("this one alone is larger than the buffer");
            log.error("e");
        });
        assertEquals(List.of(BufferingAppender.EVICTION_WARNING, "bbbb", "cccc", "e"), logback.messages());
        assertEquals("WARN", logback.lines().get(0).path("level").asText());
    }

    @Test
    void bufferAtVerbosityWarningHoldsInfoAndWarn() {
        Logback logback = new Logback(Logback.config("<bufferAtVerbosity>WARNING</bufferAtVerbosity>"));
        Logger log = logback.logger("com.example");
        invoke("r-5", () -> {
            log.info("info");
            log.warn("warn");
        });
        invoke("r-6", () -> {
            log.warn("warn 2");
            log.error("error 2");
        });
        assertEquals(List.of("warn 2", "error 2"), logback.messages());
    }

    @Test
    void invalidPropertiesAreReportedAndTheDefaultsUsed() {
        Logback logback = new Logback(Logback.config(
                "<maxBytes>0</maxBytes><bufferAtVerbosity>LOUD</bufferAtVerbosity>"));
        Logger log = logback.logger("com.example");
        invoke("r-7", () -> {
            log.debug("held at the default level");
            log.info("info passes");
        });
        assertEquals(List.of("info passes"), logback.messages());
        List<String> errors = logback.errors();
        assertTrue(errors.stream().anyMatch(e -> e.contains("maxBytes must be positive")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("bufferAtVerbosity must be")), errors::toString);
    }

    @Test
    void outsideAnInvocationLinesAreWrittenAtOnce() {
        Logback logback = new Logback(Logback.config(""));
        logback.logger("com.example").debug("init");
        assertEquals(List.of("init"), logback.messages());
    }

    @Test
    void concurrentInvocationsKeepTheirBuffersApart() throws Exception {
        Logback logback = new Logback(Logback.config(""));
        Logger log = logback.logger("com.example");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch bothLogged = new CountDownLatch(2);
        try {
            Future<?> failing = pool.submit(() -> invoke("fails", () -> {
                log.debug("from fails");
                bothLogged.countDown();
                await(bothLogged);
                log.error("error of fails");
            }));
            Future<?> succeeding = pool.submit(() -> invoke("succeeds", () -> {
                log.debug("from succeeds");
                bothLogged.countDown();
                await(bothLogged);
            }));
            failing.get(10, TimeUnit.SECONDS);
            succeeding.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("from fails", "error of fails"), logback.messages());
        for (JsonNode line : logback.lines()) {
            assertEquals("fails", line.path("function_request_id").asText(), line::toString);
        }
    }

    @Test
    void heldLinesAreWrittenBeforeTheDeadlineAndLaterLinesAtOnce() {
        Logback logback = new Logback(Logback.config(""));
        Logger log = logback.logger("com.example");
        invoke("r-8", Duration.ofMillis(500), () -> {
            log.debug("before the deadline");
            sleep(450);
            log.debug("after the deadline flush");
        });
        assertEquals(List.of("before the deadline", "after the deadline flush"), logback.messages());
        assertEquals("r-8", logback.lines().get(0).path("function_request_id").asText());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
