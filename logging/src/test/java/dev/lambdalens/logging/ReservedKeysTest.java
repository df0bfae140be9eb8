package dev.lambdalens.logging;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.logging.internal.ReservedKeys;
import dev.lambdalens.testing.TestLens;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reserved key, added in every way a user can add a key: no line ever has the same key twice. Keys a
 * line carries (structured arguments, markers, MDC, key-value pairs) are renamed {@code extra_<name>}; keys
 * appended with {@link LambdaLogging} are refused when appended, reported once.
 */
class ReservedKeysTest {
    private static final Logger LOG = LoggerFactory.getLogger("app.reserved");
    private static final RuntimeException FAILURE = new IllegalStateException("with an error too");
    private static final String W3C_TRACE_ID = "6b06a8411bf2b2228a345556719b8fc5";
    private static final String SPAN_ID = "53995c3f42cd8ad8";

    /** The ids tracing's OpenTelemetry backend attaches, so that the lines also carry trace_id and span_id. */
    private static void attachSpanIds() {
        InvocationScope.current().state().attachment(SpanIds.KEY, scope -> new SpanIds() {
            @Override
            public String traceId() {
                return W3C_TRACE_ID;
            }

            @Override
            public String spanId() {
                return SPAN_ID;
            }

            @Override
            public String xrayTraceId() {
                return null;
            }
        });
    }

    /** One way to put {@code name} = "user" on the line logged with {@code message}. */
    private static Map<String, BiConsumer<String, String>> lineWays() {
        Map<String, BiConsumer<String, String>> ways = new LinkedHashMap<>();
        ways.put("kv", (name, message) -> LOG.info(message, StructuredArguments.kv(name, "user"), FAILURE));
        ways.put("keyValue", (name, message) -> LOG.info(message, StructuredArguments.keyValue(name, "user")));
        ways.put("value", (name, message) -> LOG.info(message, StructuredArguments.value(name, "user")));
        ways.put("raw", (name, message) -> LOG.info(message, StructuredArguments.raw(name, "\"user\"")));
        ways.put("array", (name, message) -> LOG.info(message, StructuredArguments.array(name, "user")));
        ways.put("entries", (name, message) -> LOG.info(message, StructuredArguments.entries(Map.of(name, "user"))));
        ways.put("fields", (name, message) -> LOG.info(message, StructuredArguments.fields(new AllReserved())));
        ways.put("marker argument", (name, message) -> LOG.info(message, Markers.append(name, "user")));
        ways.put("entries marker argument",
                (name, message) -> LOG.info(message, Markers.appendEntries(Map.of(name, "user"))));
        ways.put("slf4j marker", (name, message) -> LOG.info(Markers.append(name, "user"), message));
        ways.put("mdc", (name, message) -> {
            MDC.put(name, "user");
            try {
                LOG.info(message);
            } finally {
                MDC.remove(name);
            }
        });
        ways.put("key-value pair", (name, message) -> LOG.atInfo().addKeyValue(name, "user").log(message));
        return ways;
    }

    @Test
    void everyReservedKeyAddedToALineInEveryWayIsRenamedAndNoLineHasAKeyTwice() {
        TestLens lens = Kit.lens();
        Map<String, BiConsumer<String, String>> ways = lineWays();
        RequestHandler<Map<String, Object>, String> handler = ObservedHandler.<Map<String, Object>, String>wrap(
                        (event, context) -> {
                            attachSpanIds();
                            for (String name : ReservedKeys.names()) {
                                ways.forEach((way, log) -> log.accept(name, way + " " + name));
                            }
                            return "ok";
                        })
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).logResponse(true)
                        .samplingRate(1.0).correlationIdPath("id").build())
                .runtime(lens.runtime()).build();
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        // A logstash provider added in logback.xml: it writes the SLF4J markers of a line.
        encoder.getProviders().addProvider(new LogstashMarkersJsonProvider());
        try (CapturedLog log = CapturedLog.install(Map.of(), encoder)) {
            assertEquals("ok", handler.handleRequest(Map.of("id", "corr-1"), Kit.context(lens, "r-1")));
            assertEquals("", log.text());
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String text : lens.logs().texts()) {
            lines.add(CapturedLog.parse(text)); // strict: fails on a key written twice
        }
        JsonNode event = lines.stream().filter(l -> l.path("message").asText().equals("Handler Event")).findFirst()
                .orElseThrow();
        assertEquals("corr-1", event.at("/event/id").asText(), "the interceptor's own event key is not renamed");
        for (String name : ReservedKeys.names()) {
            for (String way : ways.keySet()) {
                String message = way + " " + name;
                JsonNode line = lines.stream().filter(l -> l.path("message").asText().equals(message)).findFirst()
                        .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + lens.logs()));
                assertTrue(line.has(ReservedKeys.RENAME_PREFIX + name), message + ": " + line);
                assertFalse(line.path(name).isTextual() && line.path(name).asText().equals("user"), message + ": " + line);
                assertEquals("r-1", line.get("function_request_id").asText(), message);
                assertEquals(Kit.TRACE_ID, line.get("xray_trace_id").asText(), message);
                assertEquals(W3C_TRACE_ID, line.get("trace_id").asText(), message);
                assertEquals(SPAN_ID, line.get("span_id").asText(), message);
                assertEquals("corr-1", line.get("correlation_id").asText(), message);
                assertEquals("INFO", line.get("level").asText(), message);
            }
        }
        assertEquals("java.lang.IllegalStateException", lines.stream()
                .filter(l -> l.path("message").asText().equals("kv error")).findFirst().orElseThrow()
                .at("/error/name").asText());
    }

    @Test
    void everyReservedKeyAppendedWithLambdaLoggingIsRefusedAndReportedOnce() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    for (String name : ReservedKeys.names()) {
                        LambdaLogging.appendKey(name, "user");
                        LambdaLogging.appendKeys(Map.of(name, "user"));
                        LambdaLogging.appendPersistentKey(name, "user");
                    }
                    LOG.info("after appending", FAILURE);
                    return "ok";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).correlationIdPath("id").build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            handler.handleRequest("x", Kit.context(lens, "a-1"));
            handler.handleRequest("x", Kit.context(lens, "a-2"));
            LOG.info("outside");
            for (JsonNode line : List.of(lens.logs().withMessage("after appending").get(1), log.only("outside"))) {
                for (String name : ReservedKeys.names()) {
                    assertFalse(line.path(name).isTextual() && line.path(name).asText().equals("user"), name + ": " + line);
                }
            }
        }
        for (String name : ReservedKeys.names()) {
            assertEquals(1, lens.diagnostics().stream().filter(d -> d.contains("'" + name + "' is reserved")).count(),
                    name + ": " + lens.diagnostics());
        }
    }

    @Test
    void theDocumentedListMatchesTheKeysLambdaLensWrites() {
        TestLens lens = Kit.lens();
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((event, context) -> {
                    attachSpanIds();
                    LambdaLogging.setCorrelationId("corr-w");
                    LOG.error("everything", FAILURE);
                    return "done";
                })
                .with(LambdaLogging.builder().runtime(lens.runtime()).logEvent(true).logResponse(true)
                        .samplingRate(1.0).build())
                .runtime(lens.runtime()).build();
        try (CapturedLog log = CapturedLog.install()) {
            handler.handleRequest("x", lens.context().awsRequestId("w-1").xrayTraceId(Kit.TRACE_HEADER).tenantId("t-1").build());
        }
        TreeSet<String> written = new TreeSet<>();
        lens.logs().texts().forEach(text -> CapturedLog.parse(text).fieldNames().forEachRemaining(written::add));
        written.add("lambda_lens");
        assertEquals(new TreeSet<>(ReservedKeys.names()), written);
    }

    /** A bean whose public fields are named like every reserved key, for {@code StructuredArguments.fields}. */
    @SuppressWarnings("unused")
    public static final class AllReserved {
        public String timestamp = "user";
        public String level = "user";
        public String message = "user";
        public String logger = "user";
        public String service = "user";
        public String cold_start = "user";
        public String function_name = "user";
        public String function_arn = "user";
        public String function_version = "user";
        public String function_memory_size = "user";
        public String function_request_id = "user";
        public String xray_trace_id = "user";
        public String trace_id = "user";
        public String span_id = "user";
        public String tenant_id = "user";
        public String correlation_id = "user";
        public String sampling_rate = "user";
        public String error = "user";
        public String event = "user";
        public String response = "user";
        public String lambda_lens = "user";
    }

    static {
        // Keeps the bean in step with the list: a reserved name added later must be added here too.
        java.util.Set<String> fields = new java.util.HashSet<>();
        for (java.lang.reflect.Field field : AllReserved.class.getFields()) {
            fields.add(field.getName());
        }
        if (!fields.equals(ReservedKeys.names())) {
            throw new AssertionError("AllReserved does not list every reserved name: " + fields);
        }
    }
}
