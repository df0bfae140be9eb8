package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.testing.TestLens;
import dev.lambdalens.logging.internal.LogState;
import net.logstash.logback.composite.JsonProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each provider alone: what it writes inside an invocation and outside one. */
class ProvidersTest {
    private static final LoggerContext CONTEXT = new LoggerContext();

    static {
        // What Logback's SLF4J provider gives every real context; events read the MDC through it.
        CONTEXT.setMDCAdapter(new LogbackMDCAdapter());
    }

    private static LoggingEvent event(Throwable error) {
        return new LoggingEvent("fqcn", CONTEXT.getLogger("test"), Level.INFO, "msg", error, null);
    }

    private static JsonNode render(JsonProvider<ch.qos.logback.classic.spi.ILoggingEvent> provider,
                                   LoggingEvent event) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = CapturedLog.JSON.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            provider.writeTo(generator, event);
            generator.writeEndObject();
        }
        return CapturedLog.JSON.readTree(out.toString());
    }

    @Test
    void timestampIsIsoUtcWithMillisecondsAcrossSecondsAndYears() throws IOException {
        TimestampJsonProvider provider = new TimestampJsonProvider();
        for (long millis : new long[]{0L, 999L, 1_000L, 1_764_064_003_007L, 1_764_064_003_120L, 1_764_064_004_000L,
                -1L, 253_402_300_799_999L, 951_782_400_000L, 1_709_164_800_123L, 1_709_164_800_124L,
                -2_203_891_200_000L, -62_167_219_200_000L, -62_167_219_200_001L, 253_402_300_800_000L,
                4_107_542_399_999L, 4_107_542_400_000L}) {
            LoggingEvent event = event(null);
            event.setTimeStamp(millis);
            String expected = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(millis));
            assertEquals(expected, render(provider, event).get("timestamp").asText(), "at " + millis);
        }
    }

    @Test
    void serviceComesFromTheEnvironmentUnlessSet() throws IOException {
        TestLens lens = Kit.lens();
        ServiceJsonProvider provider = new ServiceJsonProvider();
        try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "r"))) {
            assertEquals("payments", render(provider, event(null)).get("service").asText());
            provider.setService("billing");
            assertEquals("billing", render(provider, event(null)).get("service").asText());
        }
    }

    @Test
    void functionFieldsAndColdStart() throws IOException {
        TestLens lens = Kit.lens();
        FunctionJsonProvider provider = new FunctionJsonProvider();
        try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "r"))) {
            JsonNode node = render(provider, event(null));
            assertTrue(node.get("cold_start").asBoolean());
            assertEquals("orders", node.get("function_name").asText());
            assertEquals("$LATEST", node.get("function_version").asText());
            assertEquals(512, node.get("function_memory_size").asInt());
            assertTrue(node.get("function_arn").asText().contains(":function:"));
            assertEquals(5, node.size(), node.toString());
        }
    }

    @Test
    void invocationIdsOnlyInsideAnInvocation() throws IOException {
        TestLens lens = Kit.lens();
        InvocationIdsJsonProvider provider = new InvocationIdsJsonProvider();
        assertEquals(0, render(provider, event(null)).size());
        try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "req-9"))) {
            JsonNode node = render(provider, event(null));
            assertEquals("req-9", node.get("function_request_id").asText());
            assertEquals(Kit.TRACE_ID, node.get("xray_trace_id").asText());
        }
    }

    @Test
    void spanIdsAttachedToTheScopeAddW3cIdsAndGiveTheXRayTraceId() throws IOException {
        TestLens lens = Kit.lens();
        InvocationIdsJsonProvider provider = new InvocationIdsJsonProvider();
        String[] spanId = {"00f067aa0ba902b7"};
        try (InvocationScope.Activation activation = lens.runtime().enter(Kit.context(lens, "req-9"))) {
            assertFalse(render(provider, event(null)).has("trace_id"), "nothing attached: the header's ids only");
            // What tracing's OpenTelemetry backend attaches: the ids of the span current where the line is written.
            activation.scope().state().attachment(SpanIds.KEY, scope -> new SpanIds() {
                @Override
                public String traceId() {
                    return "4bf92f3577b34da6a3ce929d0e0e4736";
                }

                @Override
                public String spanId() {
                    return spanId[0];
                }

                @Override
                public String xrayTraceId() {
                    return "1-4bf92f35-77b34da6a3ce929d0e0e4736";
                }
            });
            JsonNode node = render(provider, event(null));
            assertEquals("req-9", node.get("function_request_id").asText());
            assertEquals("1-4bf92f35-77b34da6a3ce929d0e0e4736", node.get("xray_trace_id").asText());
            assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", node.get("trace_id").asText());
            assertEquals("00f067aa0ba902b7", node.get("span_id").asText());
            spanId[0] = "53995c3f42cd8ad8";
            assertEquals("53995c3f42cd8ad8", render(provider, event(null)).get("span_id").asText(),
                    "read per line: a nested span's lines carry its id");
        }
    }

    @Test
    void correlationIdAndSamplingRateOnlyWhenSet() throws IOException {
        TestLens lens = Kit.lens();
        try (InvocationScope.Activation activation = lens.runtime().enter(Kit.context(lens, "r"))) {
            assertEquals(0, render(new CorrelationIdJsonProvider(), event(null)).size());
            assertEquals(0, render(new SamplingRateJsonProvider(), event(null)).size());
            LogState state = LogState.of(activation.scope());
            state.correlationId("corr-1");
            state.sampling(0.25, false);
            assertEquals("corr-1", render(new CorrelationIdJsonProvider(), event(null)).get("correlation_id").asText());
            assertEquals(0.25, render(new SamplingRateJsonProvider(), event(null)).get("sampling_rate").asDouble());
        }
    }

    @Test
    void keysWriteInvocationKeysOverPersistentOnes() throws IOException {
        TestLens lens = Kit.lens();
        LambdaLogging.appendPersistentKey("tier", "gold");
        LambdaLogging.appendPersistentKey("shared", "persistent");
        try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "r"))) {
            LambdaLogging.appendKey("shared", "invocation");
            LambdaLogging.appendKey("count", 3);
            JsonNode node = render(new KeysJsonProvider(), event(null));
            assertEquals("gold", node.get("tier").asText());
            assertEquals("invocation", node.get("shared").asText());
            assertEquals(3, node.get("count").asInt());
            assertEquals(3, node.size());
        } finally {
            LambdaLogging.removePersistentKey("tier");
            LambdaLogging.removePersistentKey("shared");
        }
    }

    @Test
    void errorOnlyWithAThrowable() throws IOException {
        assertFalse(render(new ErrorJsonProvider(), event(null)).has("error"));
        JsonNode error = render(new ErrorJsonProvider(), event(new IllegalArgumentException("bad"))).get("error");
        assertEquals("java.lang.IllegalArgumentException", error.get("name").asText());
        assertEquals("bad", error.get("message").asText());
        assertTrue(error.get("stack").asText().contains("ProvidersTest"));
    }
}
