package dev.lambdalens.logging;

import dev.lambdalens.core.MaskingSettings;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.testing.TestLens;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.decorate.JsonFactoryDecorator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaJsonEncoderTest {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaJsonEncoderTest.class);

    @Test
    void everyLineCarriesTheLambdaKeysWithPowertoolsNames() {
        TestLens lens = Kit.lens();
        JsonNode line;
        try (CapturedLog log = CapturedLog.install()) {
            try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "req-1"))) {
                LOG.info("hello");
            }
            line = lens.logs().line("hello");
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
        assertTrue(line.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                line.toString());
        assertEquals("INFO", line.get("level").asText());
        assertEquals(LambdaJsonEncoderTest.class.getName(), line.get("logger").asText());
        assertEquals("payments", line.get("service").asText());
        assertTrue(line.get("cold_start").asBoolean());
        assertEquals("orders", line.get("function_name").asText());
        assertTrue(line.get("function_arn").asText().startsWith("arn:aws:lambda:"), line.toString());
        assertEquals("$LATEST", line.get("function_version").asText());
        assertEquals(512, line.get("function_memory_size").asInt());
        assertEquals("req-1", line.get("function_request_id").asText());
        assertEquals(Kit.TRACE_ID, line.get("xray_trace_id").asText());
        assertFalse(line.has("correlation_id"));
        assertFalse(line.has("sampling_rate"));
        assertFalse(line.has("error"));
    }

    @Test
    void aMultiTenantInvocationCarriesItsTenantIdAsPowertoolsWritesIt() {
        TestLens lens = Kit.lens();
        try (CapturedLog log = CapturedLog.install()) {
            try (InvocationScope.Activation ignored = lens.runtime().enter(
                    lens.context().awsRequestId("t-1").xrayTraceId(Kit.TRACE_HEADER).tenantId("acme").build())) {
                LOG.info("tenant line");
            }
            try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "t-2"))) {
                LOG.info("no tenant line");
            }
            assertEquals("acme", lens.logs().line("tenant line").get("tenant_id").asText());
            assertFalse(lens.logs().line("no tenant line").has("tenant_id"));
        }
    }

    @Test
    void coldStartIsTrueOnlyForTheFirstInvocation() {
        TestLens lens = Kit.lens();
        try (CapturedLog log = CapturedLog.install()) {
            for (String id : List.of("a", "b")) {
                try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, id))) {
                    LOG.info("run {}", id);
                }
            }
            assertTrue(lens.logs().line("run a").get("cold_start").asBoolean());
            assertFalse(lens.logs().line("run b").get("cold_start").asBoolean());
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
        }
    }

    @Test
    void outsideAnInvocationOnlyEnvironmentKeysAreWritten() {
        try (CapturedLog log = CapturedLog.install()) {
            LOG.info("init");
            JsonNode line = log.only("init");
            assertFalse(line.has("function_request_id"));
            assertFalse(line.has("cold_start"));
            assertTrue(line.has("service"));
        }
    }

    @Test
    void throwablesBecomeAnErrorObject() {
        try (CapturedLog log = CapturedLog.install()) {
            LOG.error("failed", new IllegalStateException("boom", new RuntimeException("cause")));
            JsonNode error = log.only("failed").get("error");
            assertEquals("java.lang.IllegalStateException", error.get("name").asText());
            assertEquals("boom", error.get("message").asText());
            assertTrue(error.get("stack").asText().contains("Caused by: java.lang.RuntimeException: cause"));
        }
    }

    @Test
    void controlCharactersCannotBreakALine() {
        String nasty = "line1\nline2\r\"quoted\"\t\u0000\u001b[31m\u2028end";
        try (CapturedLog log = CapturedLog.install()) {
            LOG.info(nasty);
            LOG.atInfo().addKeyValue("k\nx", nasty).log("kv");
            List<JsonNode> lines = log.lines();
            assertEquals(2, lines.size(), log.text());
            assertEquals(nasty, lines.get(0).get("message").asText());
            assertEquals(nasty, lines.get(1).get("k\nx").asText());
        }
    }

    @Test
    void mdcKeyValuePairsAndStructuredArgumentsAreWrittenAndReservedNamesAreRenamed() {
        try (CapturedLog log = CapturedLog.install()) {
            MDC.put("tenant", "t-1");
            MDC.put("level", "not-a-level");
            try {
                LOG.atInfo().addKeyValue("orderId", 42).addKeyValue("xray_trace_id", "fake")
                        .log("placed {}", StructuredArguments.kv("amount", 9.5));
            } finally {
                MDC.clear();
            }
            JsonNode line = log.only("placed amount=9.5");
            assertEquals("t-1", line.get("tenant").asText());
            assertEquals("INFO", line.get("level").asText());
            assertEquals("not-a-level", line.get("extra_level").asText());
            assertEquals(42, line.get("orderId").asInt());
            assertFalse(line.has("xray_trace_id"));
            assertEquals("fake", line.get("extra_xray_trace_id").asText());
            assertEquals(9.5, line.get("amount").asDouble());
        }
    }

    @Test
    void aLinesOwnValueWinsOverAnAppendedKeyOfTheSameName() {
        TestLens lens = Kit.lens();
        try (CapturedLog log = CapturedLog.install()) {
            try (InvocationScope.Activation ignored = lens.runtime().enter(Kit.context(lens, "dup-1"))) {
                LambdaLogging.appendPersistentKey("region", "persistent");
                LambdaLogging.appendKey("orderId", "appended");
                LambdaLogging.appendKey("tenant", "appended");
                LambdaLogging.appendKey("stage", "appended");
                MDC.put("orderId", "from-mdc");
                try {
                    LOG.atInfo().addKeyValue("tenant", "from-pair").addKeyValue("region", "from-pair")
                            .log("dup", StructuredArguments.kv("stage", "from-argument"));
                } finally {
                    MDC.remove("orderId");
                    LambdaLogging.removePersistentKey("region");
                }
                LOG.info("no dup");
            }
            assertEquals("", log.text(), "an invocation's lines go to the kit's capture instead of the stream");
            String dup = lens.logs().texts().stream().filter(l -> l.contains("\"message\":\"dup\"")).findFirst().orElseThrow();
            for (String key : List.of("orderId", "tenant", "stage", "region")) {
                assertEquals(1, dup.split("\"" + key + "\":", -1).length - 1, key + " once in " + dup);
            }
            JsonNode line = lens.logs().line("dup");
            assertEquals("from-mdc", line.get("orderId").asText());
            assertEquals("from-pair", line.get("tenant").asText());
            assertEquals("from-argument", line.get("stage").asText());
            assertEquals("from-pair", line.get("region").asText());
            JsonNode plain = lens.logs().line("no dup");
            assertEquals("appended", plain.get("orderId").asText());
            assertEquals("appended", plain.get("tenant").asText());
        }
    }

    @Test
    void encodeGivesEachLineItsOwnBytesForOtherAppenders() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.setConfiguration(Configuration.of(Map.of()));
        encoder.start();
        try {
            ch.qos.logback.classic.Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("enc");
            byte[] first = encoder.encode(new LoggingEvent("fqcn", logger, Level.INFO, "first", null, null));
            byte[] second = encoder.encode(new LoggingEvent("fqcn", logger, Level.INFO, "second", null, null));
            String text = new String(first, StandardCharsets.UTF_8);
            assertTrue(text.endsWith(System.lineSeparator()), text);
            assertEquals("first", CapturedLog.parse(text.strip()).get("message").asText());
            assertEquals("second", CapturedLog.parse(new String(second, StandardCharsets.UTF_8).strip())
                    .get("message").asText());
        } finally {
            encoder.stop();
        }
    }

    @Test
    void aJsonFactoryDecoratorStillCustomizesTheObjectMapper() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        // logstash's documented way to customize serialization: the factory's codec is the ObjectMapper.
        encoder.setJsonFactoryDecorator(new JsonFactoryDecorator() {
            @Override
            public JsonFactory decorate(JsonFactory factory) {
                ((ObjectMapper) factory.getCodec()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
                return factory;
            }
        });
        try (CapturedLog log = CapturedLog.install(Map.of(), encoder)) {
            LOG.info("bean", StructuredArguments.kv("data", new CamelBean()));
            assertEquals("v", log.only("bean").at("/data/camel_case").asText());
        }
    }

    @Test
    void secretsAreMaskedAtAnyDepthIgnoringCaseWithoutTouchingTheObject() {
        Map<String, Object> headers = new HashMap<>(Map.of("Authorization", "Bearer abc", "COOKIE", "sid=1",
                "Accept", "text/html"));
        Map<String, Object> event = new HashMap<>(Map.of("headers", headers,
                "body", Map.of("user", Map.of("Password", "hunter2", "name", "ann"))));
        try (CapturedLog log = CapturedLog.install()) {
            // No placeholder: a placeholder would put the argument's toString() into the message text.
            // Not "event": that key is reserved (the interceptor's), a user's is written as extra_event.
            LOG.info("event", StructuredArguments.keyValue("request", event));
            MDC.put("api_key", "k-123");
            try {
                LOG.info("mdc");
            } finally {
                MDC.clear();
            }
            JsonNode line = log.lines().get(0);
            assertEquals("****", line.at("/request/headers/Authorization").asText());
            assertEquals("****", line.at("/request/headers/COOKIE").asText());
            assertEquals("text/html", line.at("/request/headers/Accept").asText());
            assertEquals("****", line.at("/request/body/user/Password").asText());
            assertEquals("ann", line.at("/request/body/user/name").asText());
            assertEquals("****", log.only("mdc").get("api_key").asText());
            assertFalse(log.text().contains("hunter2") || log.text().contains("Bearer abc") || log.text().contains("k-123"));
        }
        assertEquals("Bearer abc", headers.get("Authorization"));
    }

    @Test
    void configuredFieldsPathsAndValuePatternsAreMasked() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.addMaskedField("iban");
        encoder.setMask("[hidden]");
        Map<String, String> config = Map.of(
                LoggingSettings.MASK_PATHS, "payment/card",
                MaskingSettings.VALUES, "\\d{4}-\\d{4}-\\d{4}-\\d{4};;ssn-\\d+");
        try (CapturedLog log = CapturedLog.install(config, encoder)) {
            LOG.info("pay {}", StructuredArguments.kv("payment", Map.of("card", "visa", "IBAN", "DE00", "note",
                    "card 1234-5678-9012-3456 of ssn-99")));
            JsonNode payment = log.lines().get(0).get("payment");
            assertEquals("[hidden]", payment.get("card").asText());
            assertEquals("[hidden]", payment.get("IBAN").asText());
            assertEquals("card [hidden] of [hidden]", payment.get("note").asText());
        }
    }

    @Test
    void anInvalidValuePatternIsReportedAndLeftOutWhileEveryLineAndTheOtherPatternsStay() {
        // Before: the invalid pattern stopped the encoder, so the function lost every line.
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        Map<String, String> config = Map.of(MaskingSettings.VALUES, "[unclosed;;ssn-\\d+");
        try (CapturedLog log = CapturedLog.install(config, encoder)) {
            LOG.info("note {}", StructuredArguments.kv("note", "ssn-99 and [unclosed"));
            List<JsonNode> lines = log.lines();
            assertEquals(1, lines.size(), log.text());
            assertEquals("**** and [unclosed", lines.get(0).get("note").asText());
        }
    }

    @Test
    void anArgumentThatCannotBeSerializedGivesANoteNotAnException() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        try (CapturedLog log = CapturedLog.install()) {
            LOG.info("cyclic {}", StructuredArguments.kv("data", cyclic));
            LOG.info("bean {}", StructuredArguments.kv("data", new FailingBean()));
            LOG.info("after");
            List<JsonNode> lines = log.lines();
            assertEquals(3, lines.size(), log.text());
            assertTrue(lines.get(0).at("/lambda_lens/note").asText().contains("could not be fully serialized"),
                    lines.get(0).toString());
            assertTrue(lines.get(1).at("/lambda_lens/note").asText().contains("getter failed"), lines.get(1).toString());
            assertEquals("after", lines.get(2).get("message").asText());
        }
    }

    @Test
    void aLineOverTheLimitIsCutWithAMarker() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setMaxLineBytes(4096);
        try (CapturedLog log = CapturedLog.install(Map.of(), encoder)) {
            String big = "x".repeat(10_000);
            LOG.info(big);
            String raw = log.text();
            assertTrue(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 4096, "length " + raw.length());
            JsonNode line = log.lines().get(0);
            assertTrue(line.at("/lambda_lens/truncated").asBoolean());
            assertTrue(line.at("/lambda_lens/original_bytes").asInt() > 10_000);
            assertTrue(line.get("message").asText().endsWith("...[truncated]"));
        }
    }

    public static final class CamelBean {
        public String getCamelCase() {
            return "v";
        }
    }

    public static final class FailingBean {
        public String getValue() {
            throw new IllegalStateException("getter failed");
        }
    }
}
