package dev.lambdalens.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.core.MaskingSettings;
import net.logstash.logback.argument.StructuredArguments;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets placed where users put them, with no masking configured: none reaches a line. */
class DefaultMaskingTest {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMaskingTest.class);
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final List<String> SECRETS = List.of("hunter2", "4111 1111 1111 1111", "4111111111111111",
            "tok-1", "s-1", "abc123", "cs-1", "at-1", JWT, "AKIAIOSFODNN7EXAMPLE", "pw-9", "dbpw-7");

    @Test
    void secretsInMessagesArgumentsKeysMdcAndExceptionsAreMaskedByDefault() throws Exception {
        try (CapturedLog log = CapturedLog.install()) {
            LOG.info("login password={} card {}", "hunter2", "4111 1111 1111 1111");
            LOG.info("params {}", Map.of("password", "pw-9"));
            LOG.info("keys {} {} {}", StructuredArguments.kv("userPassword", "hunter2"),
                    StructuredArguments.kv("X-Auth-Token", "tok-1"), StructuredArguments.kv("db_password", "dbpw-7"));
            MDC.put("session_token", "s-1");
            try {
                LOG.info("with mdc");
            } finally {
                MDC.remove("session_token");
            }
            LOG.error("failed", new IllegalStateException("token=abc123 rejected"));
            LOG.info("request {}", StructuredArguments.kv("request", Map.of("body",
                    "{\"user\":\"bob\",\"client_secret\":\"cs-1\",\"access_token\":\"at-1\"}")));
            LOG.info("card {}", StructuredArguments.kv("n", 4111111111111111L));
            LOG.info("header Authorization: Bearer {} key {}", JWT, "AKIAIOSFODNN7EXAMPLE");

            String text = log.text();
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), secret + " leaked:\n" + text);
            }
            List<JsonNode> lines = log.lines();
            assertEquals(8, lines.size(), text);
            assertEquals("login password=**** card ****", lines.get(0).get("message").asText());
            assertEquals("****", lines.get(2).get("userPassword").asText());
            assertEquals("****", lines.get(2).get("X-Auth-Token").asText());
            assertEquals("****", lines.get(3).get("session_token").asText());
            assertEquals("token=**** rejected", lines.get(4).at("/error/message").asText());
            assertTrue(lines.get(4).at("/error/stack").asText().contains("token=****"), lines.get(4).toString());
            String body = lines.get(5).at("/request/body").asText();
            JsonNode parsed = new ObjectMapper().readTree(body);
            assertEquals("bob", parsed.get("user").asText(), "the body stays a JSON string that parses");
            assertEquals("****", parsed.get("client_secret").asText());
            assertEquals("****", lines.get(6).get("n").asText());
        }
    }

    @Test
    void aTruncatedLineIsMaskedToo() {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setMaxLineBytes(4000);
        try (CapturedLog log = CapturedLog.install(Map.of(), encoder)) {
            LOG.info("password=hunter2 " + "x".repeat(10_000));
            JsonNode line = log.lines().get(0);
            assertTrue(line.at("/lambda_lens/truncated").asBoolean(), line.toString());
            assertTrue(line.get("message").asText().startsWith("password=**** x"), line.toString());
            assertFalse(log.text().contains("hunter2"));
        }
    }

    @Test
    void keptNamesAreWrittenAndConfiguredNamesAreMasked() {
        Map<String, String> config = Map.of(MaskingSettings.KEEP, "next_token",
                MaskingSettings.FIELDS, "date_of_birth");
        try (CapturedLog log = CapturedLog.install(config, new LambdaJsonEncoder())) {
            LOG.info("page {} {}", StructuredArguments.kv("nextToken", "page-2"),
                    StructuredArguments.kv("dateOfBirth", "1990-01-01"));
            JsonNode line = log.lines().get(0);
            assertEquals("page-2", line.get("nextToken").asText());
            assertEquals("****", line.get("dateOfBirth").asText());
        }
    }
}
