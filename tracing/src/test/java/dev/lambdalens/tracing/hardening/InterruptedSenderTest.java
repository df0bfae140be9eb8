package dev.lambdalens.tracing.hardening;

import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread whose interrupt flag is set (a pool worker after {@code shutdownNow()}, code that cancels a task)
 * ends a subsegment. Before: the shared DatagramChannel closed itself on the interrupted send, and every later
 * document of the environment was lost, with one "could not send" line.
 */
class InterruptedSenderTest {
    private final InProcessTracing tracing = new InProcessTracing();

    @AfterEach
    void close() {
        Thread.interrupted();
        tracing.close();
    }

    @Test
    void anInterruptedThreadSendsItsDocumentKeepsItsInterruptAndLaterDocumentsStillArrive() {
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        tracing.invoke((event, context) -> {
            Thread.currentThread().interrupt();
            return "first";
        });
        stillInterrupted.set(Thread.interrupted());
        tracing.invoke((event, context) -> LambdaTracing.withSubsegment("## after", s -> "second"));
        tracing.daemon.awaitDocuments(2, Duration.ofSeconds(5));
        assertTrue(stillInterrupted.get(), "the interrupt is the handler's and is kept");
        assertEquals(2, tracing.named("## handleRequest").size(), tracing.daemon.documents().toString());
        assertTrue(tracing.diagnostics.isEmpty(), tracing.diagnostics.toString());
        tracing.assertAllValid();
    }
}
