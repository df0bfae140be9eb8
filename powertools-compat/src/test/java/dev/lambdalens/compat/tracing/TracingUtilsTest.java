package dev.lambdalens.compat.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestLens;
import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Powertools' TracingUtils calls in a traced invocation, read back from the test kit's captured documents. */
class TracingUtilsTest {
    private final TestLens lens = TestLens.builder().env("POWERTOOLS_SERVICE_NAME", "orders").build();

    private void invoke(Runnable body) {
        ObservedHandler.<String, String>wrap((event, context) -> {
                    body.run();
                    return "ok";
                })
                .with(LambdaTracing.builder().runtime(lens.runtime()).build())
                .runtime(lens.runtime()).build()
                .handleRequest("event", lens.context().build());
    }

    @Test
    void aSubsegmentIsNamedAsPowertoolsNamesItAndCarriesItsAnnotationsAndMetadata() {
        invoke(() -> TracingUtils.withSubsegment("save", subsegment -> {
            subsegment.putAnnotation("table", "orders");
            subsegment.putMetadata("rows", 1);
            TracingUtils.putAnnotation("count", 3);
            TracingUtils.putAnnotation("paid", Boolean.TRUE);
            TracingUtils.putMetadata("order", Map.of("id", "o-1"));
        }));
        JsonNode save = lens.traces().subsegment("## save");
        assertEquals("orders", save.path("annotations").path("table").asText());
        assertEquals(3, save.path("annotations").path("count").asInt());
        assertTrue(save.path("annotations").path("paid").asBoolean());
        assertEquals("o-1", save.path("metadata").path("orders").path("order").path("id").asText(), save::toString);
        assertEquals(1, save.path("metadata").path("default").path("rows").asInt(), save::toString);
        assertFalse(save.path("metadata").path("orders").has("rows"), save::toString);
    }

    @Test
    void metadataInANamespacedSubsegmentGoesToThatNamespaceButNotInItsChildren() {
        invoke(() -> TracingUtils.withSubsegment("billing", "charge", subsegment -> {
            subsegment.putMetadata("amount", 12);
            TracingUtils.putMetadata("currency", "EUR");
            TracingUtils.withSubsegment("audit", child -> TracingUtils.putMetadata("who", "me"));
            TracingUtils.putMetadata("after", "child");
        }));
        JsonNode charge = lens.traces().subsegment("## charge");
        assertEquals(12, charge.path("metadata").path("default").path("amount").asInt(),
                () -> "the X-Ray SDK subsegment's own putMetadata(key, value) writes to 'default': " + charge);
        assertFalse(charge.path("metadata").path("billing").has("amount"), charge::toString);
        assertEquals("EUR", charge.path("metadata").path("billing").path("currency").asText(), charge::toString);
        assertEquals("child", charge.path("metadata").path("billing").path("after").asText(), charge::toString);
        assertFalse(charge.path("metadata").has("orders"), charge::toString);
        JsonNode audit = lens.traces().subsegment("## audit");
        assertEquals("me", audit.path("metadata").path("orders").path("who").asText(), audit::toString);
    }

    @Test
    void aNullBooleanAnnotationIsNotRecordedAndTheBlockStillRuns() {
        invoke(() -> TracingUtils.withSubsegment("s", subsegment -> TracingUtils.putAnnotation("flag", (Boolean) null)));
        assertFalse(lens.traces().subsegment("## s").path("annotations").has("flag"));
    }

    @Test
    void anExceptionInTheBlockEndsTheSubsegmentAsFailedAndIsRethrown() {
        IllegalStateException thrown = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, () -> invoke(() ->
                TracingUtils.withSubsegment("fails", subsegment -> {
                    throw thrown;
                })));
        JsonNode fails = lens.traces().subsegment("## fails");
        assertTrue(fails.path("fault").asBoolean() || fails.path("error").asBoolean(), fails::toString);
        assertTrue(fails.has("end_time"), fails::toString);
    }

    @Test
    void outsideAnInvocationTheBlockRunsAndNothingIsRecorded() {
        List<String> ran = new java.util.ArrayList<>();
        TracingUtils.withSubsegment("alone", subsegment -> {
            ran.add("yes");
            assertFalse(subsegment.isRecording());
        });
        TracingUtils.putMetadata("k", "v");
        assertEquals(List.of("yes"), ran);
        assertEquals(0, lens.traces().size());
    }
}
