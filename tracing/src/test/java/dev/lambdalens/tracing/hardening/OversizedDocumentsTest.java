package dev.lambdalens.tracing.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents too large for one daemon datagram: each is cut, with a marker, until it fits, and the handler
 * subsegment always arrives with its fault and cause.
 */
class OversizedDocumentsTest {
    private static final String HANDLER = "## handleRequest";
    private static final int KB = 1024;

    private final InProcessTracing tracing = new InProcessTracing();

    @AfterEach
    void close() {
        tracing.close();
    }

    private JsonNode handler() {
        tracing.daemon.awaitDocuments(1, Duration.ofSeconds(5), d -> HANDLER.equals(d.path("name").asText()));
        tracing.assertAllValid();
        List<JsonNode> handlers = tracing.named(HANDLER);
        assertEquals(1, handlers.size(), () -> "handler documents: " + handlers);
        return handlers.get(0);
    }

    @Test
    void aHundredKilobyteAnnotationIsCutWithAMarker() {
        tracing.invoke((event, context) -> {
            LambdaTracing.putAnnotation("note", "n".repeat(100 * KB));
            LambdaTracing.putAnnotation("small", "kept");
            return "ok";
        });
        JsonNode annotations = handler().path("annotations");
        String note = annotations.path("note").asText();
        assertTrue(note.startsWith("nnnn") && note.length() < 2 * KB, () -> "length " + note.length());
        assertTrue(note.endsWith("...(truncated, 102400 chars)"), note);
        assertEquals("kept", annotations.path("small").asText());
        assertTrue(annotations.path("ColdStart").isBoolean());
        assertEquals("svc", annotations.path("Service").asText());
    }

    @Test
    void fiftyLongAnnotationsAreCutUntilTheDocumentFits() {
        tracing.invoke((event, context) -> {
            for (int i = 0; i < 48; i++) {
                LambdaTracing.putAnnotation("note" + i, "\u0001".repeat(5 * KB)); // six bytes each once escaped
            }
            return "ok";
        });
        JsonNode annotations = handler().path("annotations");
        assertEquals(50, annotations.size());
        assertTrue(annotations.path("note7").asText().endsWith("...(truncated, 5120 chars)"));
    }

    @Test
    void anExceptionWithAMegabyteMessageGivesAFaultWithACutCause() {
        IllegalStateException failure = new IllegalStateException("m".repeat(1024 * KB));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> tracing.invoke((e, c) -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        JsonNode handler = handler();
        assertTrue(handler.path("fault").asBoolean(), handler::toString);
        JsonNode exception = handler.path("cause").path("exceptions").get(0);
        assertEquals(IllegalStateException.class.getName(), exception.path("type").asText());
        assertTrue(exception.path("message").asText().endsWith("...(truncated, 1048576 chars)"));
        assertTrue(exception.path("stack").size() > 0, handler::toString);
        assertTrue(handler.path("metadata").path("svc").has("handleRequest error"), handler::toString);
    }

    @Test
    void hugeStackFramesAndAChainOfHugeCausesAreCutUntilTheDocumentFits() {
        RuntimeException failure = chain(10);
        assertThrows(RuntimeException.class, () -> tracing.invoke((e, c) -> {
            throw failure;
        }));
        JsonNode handler = handler();
        assertTrue(handler.path("fault").asBoolean());
        JsonNode exceptions = handler.path("cause").path("exceptions");
        assertTrue(exceptions.size() >= 1, handler::toString);
        assertEquals(RuntimeException.class.getName(), exceptions.get(0).path("type").asText());
        assertTrue(exceptions.get(0).path("message").asText().startsWith("cause 0 "), handler::toString);
    }

    @Test
    void aChildWithAHugeCauseIsSentOnItsOwnAndItsParentToo() {
        assertThrows(RuntimeException.class, () -> tracing.invoke((e, c) -> LambdaTracing.withSubsegment("## step",
                () -> {
                    throw chain(3);
                })));
        JsonNode handler = handler();
        assertTrue(handler.path("fault").asBoolean());
        tracing.daemon.awaitDocuments(1, Duration.ofSeconds(5), d -> "## step".equals(d.path("name").asText()));
        tracing.assertAllValid();
        JsonNode step = tracing.named("## step").get(0);
        assertEquals(handler.path("id").asText(), step.path("parent_id").asText());
        assertTrue(step.path("fault").asBoolean(), step::toString);
        assertEquals(RuntimeException.class.getName(), step.path("cause").path("exceptions").get(0)
                .path("type").asText());
    }

    @Test
    void aSeventyKilobyteMetadataKeyIsCutAndTheOtherMetadataKept() {
        tracing.invoke((event, context) -> {
            LambdaTracing.putMetadata("k".repeat(70 * KB), "value");
            LambdaTracing.putMetadata("order", "o-1");
            return "ok";
        });
        JsonNode metadata = handler().path("metadata").path("svc");
        assertEquals("o-1", metadata.path("order").asText(), metadata::toString);
        assertEquals("ok", metadata.path("handleRequest response").asText());
        assertTrue(metadata.toString().contains("...(truncated, 71680 chars)"), metadata::toString);
    }

    @Test
    void hugeInvalidNamesAndKeysAreReportedInShortLines() {
        tracing.invoke((event, context) -> LambdaTracing.withSubsegment("<" + "s".repeat(100 * KB), s -> {
            s.putAnnotation("bad-" + "k".repeat(100 * KB), "v");
            return "ok";
        }));
        handler();
        assertEquals(2, tracing.diagnostics.size(), tracing.diagnostics::toString);
        for (String line : tracing.diagnostics) {
            assertTrue(line.length() < 700, () -> "length " + line.length());
            assertTrue(line.contains("(102401 chars)") || line.contains("(102404 chars)"), line);
        }
    }

    /** An exception and {@code depth - 1} causes, each with a 100 KB message and 50 frames of 2 KB labels. */
    private static RuntimeException chain(int depth) {
        RuntimeException cause = null;
        for (int i = depth - 1; i >= 0; i--) {
            RuntimeException next = new RuntimeException("cause " + i + " " + "x".repeat(100 * KB), cause);
            StackTraceElement[] frames = new StackTraceElement[60];
            for (int f = 0; f < frames.length; f++) {
                frames[f] = new StackTraceElement("a.B" + "c".repeat(2 * KB), "m" + "d".repeat(KB),
                        "F" + "e".repeat(KB) + ".java", f);
            }
            next.setStackTrace(frames);
            cause = next;
        }
        return cause;
    }
}
