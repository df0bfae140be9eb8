package dev.lambdalens.core.spi;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.MaskingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskingPolicyTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final MaskingPolicy policy = MaskingPolicy.of(MaskingSettings.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"password", "Password", "userPassword", "db_password", "X-Auth-Token",
            "x_auth_token", "aws_secret_access_key", "client_secret", "access_token", "refresh_token", "apiKey",
            "API-KEY", "Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "sessionId",
            "private_key", "credentials", "cvv", "x-api-key", "passphrase"})
    void sensitiveNamesAreMaskedWhateverTheirCaseAndSeparators(String name) {
        assertTrue(policy.masksName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"message", "level", "xray_trace_id", "function_request_id", "orderId", "userName",
            "cold_start", "sampling_rate", "correlation_id", "body", "headers", "items", "pinned"})
    void ordinaryNamesAreKept(String name) {
        assertFalse(policy.masksName(name), name);
    }

    @Test
    void theKeepListWinsOverTheWordsAndConfiguredNamesAdd() {
        Diagnostics diagnostics = new Diagnostics(line -> { });
        MaskingPolicy configured = MaskingPolicy.from(Configuration.of(Map.of(
                MaskingSettings.KEEP, "next_token, tokenType", MaskingSettings.FIELDS, "iban2,dateOfBirth")),
                diagnostics);
        assertFalse(configured.masksName("nextToken"));
        assertFalse(configured.masksName("token_type"));
        assertTrue(configured.masksName("access_token"));
        assertTrue(configured.masksName("date_of_birth"));
    }

    @Test
    void ordinaryTextIsReturnedAsTheSameInstance() {
        for (String text : List.of("Order 42 created", "took 25 ms at 2026-12-03T06:42:22Z", "status: ok",
                "https://example.com/a?b=c", "1733212345678", "trace 1-5759e988-bd862e3fe1be46a994272793",
                "8f14e45fceea167a5a36dedd4bea2543", "request c6af9ac6-7b61-11e6-9a41-93e8deadbeef")) {
            assertSame(text, policy.maskText(text), text);
        }
    }

    @Test
    void secretsInFreeTextAreMasked() {
        assertEquals("login password=**** user=bob", policy.maskText("login password=hunter2 user=bob"));
        assertEquals("{password=****, user=bob}", policy.maskText("{password=hunter2, user=bob}"));
        assertEquals("Authorization: **** next", policy.maskText("Authorization: Bearer abc.def next"));
        assertEquals("GET /x?token=****&page=2", policy.maskText("GET /x?token=abc123&page=2"));
        assertEquals("card ****.", policy.maskText("card 4111 1111 1111 1111."));
        assertEquals("card ****", policy.maskText("card 4111-1111-1111-1111"));
        assertEquals("card ****", policy.maskText("card 4111111111111111"));
        assertEquals("bearer ****", policy.maskText("bearer " + JWT));
        assertEquals("key **** secret ****", policy.maskText("key AKIAIOSFODNN7EXAMPLE secret " + SECRET_KEY));
        assertEquals("k=**** rest", policy.maskText(
                "k=-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY----- rest"));
        assertEquals("\"db_password\": \"****\"", policy.maskText("\"db_password\": \"s3cr3t\""));
    }

    @Test
    void aNumberThatFailsLuhnIsNotACard() {
        String notCard = "order 4111111111111112";
        assertSame(notCard, policy.maskText(notCard));
        assertTrue(policy.masksNumber(4111111111111111L));
        assertFalse(policy.masksNumber(4111111111111112L));
        assertFalse(policy.masksNumber(1733212345678L));
    }

    @Test
    void jsonInsideAStringIsMaskedInsideAndStaysJson() {
        String body = "{\"user\":\"bob\",\"password\":\"hunter2\",\"nested\":{\"client_secret\":{\"a\":1}},"
                + "\"note\":\"card 4111111111111111\",\"list\":[{\"apiKey\":\"k\"}, 4111111111111111],"
                + "\"inner\":\"{\\\"access_token\\\":\\\"t\\\"}\"}";
        String masked = policy.maskText(body);
        assertEquals("{\"user\":\"bob\",\"password\":\"****\",\"nested\":{\"client_secret\":\"****\"},"
                + "\"note\":\"card ****\",\"list\":[{\"apiKey\":\"****\"}, \"****\"],"
                + "\"inner\":\"{\\\"access_token\\\":\\\"****\\\"}\"}", masked);
    }

    @Test
    void textThatOnlyLooksLikeJsonIsTreatedAsText() {
        assertEquals("{password=****}", policy.maskText("{password=hunter2}"));
        assertEquals("[not json password: ****]", policy.maskText("[not json password: x]"));
    }

    @Test
    void deeplyNestedJsonDoesNotExhaustTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertSame(deep, policy.maskText(deep));
    }

    @Test
    void hugeTextIsScannedWhole() {
        String huge = "x".repeat(5_000_000) + " password=hunter2";
        assertTrue(policy.maskText(huge).endsWith("password=****"));
    }

    @Test
    void switchingOffTheDefaultsAndDetectorsMasksOnlyWhatIsConfigured() {
        MaskingPolicy bare = MaskingPolicy.of(MaskingSettings.defaults().withDefaults(false).withDetectors(false)
                .withNames(List.of("pan")));
        assertFalse(bare.masksName("password"));
        assertTrue(bare.masksName("PAN"));
        String card = "card 4111111111111111";
        assertSame(card, bare.maskText(card));
        assertEquals("pan=****", bare.maskText("pan=4111"));
    }

    @Test
    void anInvalidPatternIsReportedOnceAndTheOthersApply() {
        List<String> lines = new ArrayList<>();
        MaskingPolicy configured = MaskingPolicy.from(Configuration.of(Map.of(MaskingSettings.VALUES,
                "([a-z;;ORD-[0-9]+")), new Diagnostics(lines::add));
        assertEquals("order ****", configured.maskText("order ORD-123"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(MaskingSettings.VALUES), lines.get(0));
    }
}
