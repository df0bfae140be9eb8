package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.logging.internal.LogLevels;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every logging setting that can be wrong (number, enum, level name, path, pattern; environment, logback.xml
 * option and annotation) is reported once, naming the setting and the problem; the bad part is ignored and
 * everything else keeps working.
 */
class SettingsValidationTest {
    private static final Logger LOG = LoggerFactory.getLogger("app.settings");

    private static List<String> settingsDiagnostics(Map<String, String> env, LoggingSettings[] out) {
        List<String> reported = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(reported::add);
        out[0] = LoggingSettings.from(Configuration.of(env), diagnostics);
        LoggingSettings.from(Configuration.of(env), diagnostics); // read again: still reported once
        return reported;
    }

    @Test
    void eachUnusableEnvironmentValueIsReportedOnceByNameAndItsDefaultApplies() {
        Object[][] cases = {
                {LoggingSettings.LOG_EVENT, "yes"},
                {LoggingSettings.LOG_RESPONSE, "1"},
                {LoggingSettings.LOG_ERROR, "on"},
                {LoggingSettings.LOG_EVENT_LEGACY, "TRUE!"},
                {LoggingSettings.SAMPLE_RATE, "7"},
                {LoggingSettings.SAMPLE_RATE, "-0.1"},
                {LoggingSettings.SAMPLE_RATE, "abc"},
                {LoggingSettings.SAMPLE_RATE, "NaN"},
                {LoggingSettings.SAMPLE_RATE, "Infinity"},
                {LoggingSettings.BUFFER, "maybe"},
                {LoggingSettings.BUFFER_LEVEL, "CHATTY"},
                {LoggingSettings.BUFFER_LEVEL, "ERROR"},
                {LoggingSettings.BUFFER_LEVEL, "OFF"},
                {LoggingSettings.BUFFER_MAX_BYTES, "-5"},
                {LoggingSettings.BUFFER_MAX_BYTES, "0"},
                {LoggingSettings.BUFFER_MAX_BYTES, "20k"},
                {LoggingSettings.BUFFER_MAX_BYTES, "99999999999"},
        };
        for (Object[] c : cases) {
            String key = (String) c[0];
            String value = (String) c[1];
            LoggingSettings[] settings = new LoggingSettings[1];
            // A good value next to the bad one still applies.
            String other = key.equals(LoggingSettings.BUFFER) ? LoggingSettings.LOG_EVENT : LoggingSettings.BUFFER;
            List<String> reported = settingsDiagnostics(Map.of(key, value, other, "true"), settings);
            assertEquals(1, reported.size(), key + "=" + value + ": " + reported);
            assertTrue(reported.get(0).contains(key + "=" + value), reported.get(0));
            LoggingSettings s = settings[0];
            assertEquals(false, s.logEvent() && !other.equals(LoggingSettings.LOG_EVENT), key);
            assertEquals(0.0, s.samplingRate(), key);
            assertEquals(Level.DEBUG, s.bufferLevel(), key);
            assertEquals(LoggingSettings.DEFAULT_BUFFER_MAX_BYTES, s.bufferMaxBytes(), key);
            assertTrue(other.equals(LoggingSettings.BUFFER) ? s.buffering() : s.logEvent(), key + ": the good value applies");
        }
    }

    @Test
    void goodValuesAreReadWithoutDiagnostics() {
        LoggingSettings[] settings = new LoggingSettings[1];
        List<String> reported = settingsDiagnostics(Map.of(LoggingSettings.SAMPLE_RATE, "0.25",
                LoggingSettings.BUFFER_LEVEL, "warning", LoggingSettings.BUFFER_MAX_BYTES, "4096",
                LoggingSettings.LOG_ERROR, "TRUE"), settings);
        assertTrue(reported.isEmpty(), reported.toString());
        assertEquals(0.25, settings[0].samplingRate());
        assertEquals(Level.WARN, settings[0].bufferLevel());
        assertEquals(4096, settings[0].bufferMaxBytes());
        assertTrue(settings[0].logError());
    }

    @Test
    void anUnknownLogLevelIsReportedOnceByNameAndTheOtherLevelApplies() {
        List<String> reported = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(reported::add);
        Configuration config = Configuration.of(Map.of(LogLevels.POWERTOOLS_LOG_LEVEL, "LOUD",
                LogLevels.AWS_LAMBDA_LOG_LEVEL, "WARN"));
        assertEquals(Level.WARN, LogLevels.resolve(config, diagnostics));
        assertEquals(Level.WARN, LogLevels.resolve(config, diagnostics));
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).contains("POWERTOOLS_LOG_LEVEL=LOUD"), reported.get(0));
    }

    @Test
    void theBuilderRefusesABufferLevelThatWouldHoldErrorLines() {
        assertThrows(IllegalArgumentException.class, () -> LambdaLogging.builder().bufferLevel(Level.ERROR));
        assertThrows(IllegalArgumentException.class, () -> LambdaLogging.builder().bufferLevel(Level.OFF));
        LambdaLogging.builder().bufferLevel(Level.WARN);
    }

    @Test
    void unusableEncoderOptionsAreReportedOnceAndIgnoredTheOtherOptionsWork() {
        List<String> reported = new ArrayList<>();
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setDiagnostics(new Diagnostics(reported::add));
        encoder.setMaxLineBytes(100);
        encoder.setMaxLineBytes(100);
        encoder.addMaskedPath("/");
        encoder.addMaskedPath("card/number");
        encoder.addMaskedValue("([unclosed");
        encoder.addMaskedValue("sk_live_[a-z0-9]+");
        encoder.addMaskedField("iban");
        Map<String, String> env = Map.of(LoggingSettings.MASK_PATHS, "/, ,pin",
                dev.lambdalens.core.MaskingSettings.VALUES, "*bad;;tok_[0-9]+");
        try (CapturedLog log = CapturedLog.install(env, encoder)) {
            LOG.info("payment", net.logstash.logback.argument.StructuredArguments.kv("card",
                    Map.of("number", "4111111111111111", "pin", "1234", "iban", "DE89", "holder", "Ann sk_live_abc tok_77")));
            LOG.info("x".repeat(300_000));
            JsonNode line = log.only("payment");
            assertEquals("****", line.at("/card/number").asText(), line.toString());
            assertEquals("****", line.at("/card/pin").asText());
            assertEquals("****", line.at("/card/iban").asText());
            assertEquals("Ann **** ****", line.at("/card/holder").asText());
            String cut = log.text().split("\n")[1];
            assertTrue(cut.length() <= LambdaJsonEncoder.DEFAULT_MAX_LINE_BYTES && cut.length() > 200_000,
                    "the default cap applies: " + cut.length());
        }
        List<String> expected = List.of("<maxLineBytes>100", "<maskedPath> '/'", "<maskedValue>=([unclosed",
                LoggingSettings.MASK_PATHS + " '/'", dev.lambdalens.core.MaskingSettings.VALUES + "=*bad");
        for (String part : expected) {
            assertEquals(1, reported.stream().filter(r -> r.contains(part)).count(), part + " in " + reported);
        }
        assertEquals(expected.size(), reported.size(), reported.toString());
    }

    @Test
    void anAnnotationSamplingRateOutsideZeroToOneIsReportedOnceAndIgnored() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler("dev.lambdalens.logging.e2e.MisconfiguredHandler::handleRequest")
                .env("AWS_LAMBDA_LOG_FORMAT", "JSON").build()) {
            Invocation first = runtime.invoke("{\"marker\":\"a\"}");
            Invocation second = runtime.invoke("{\"marker\":\"b\"}");
            for (Invocation invocation : List.of(first, second)) {
                assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation.toString());
                List<JsonNode> lines = invocation.stdout().stream().map(CapturedLog::parse).collect(Collectors.toList());
                assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("info of ")), lines.toString());
                assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().equals("Handler Event")),
                        "the annotation's other attributes work: " + lines);
                assertFalse(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("debug of ")),
                        "not clamped to 1 (every invocation at DEBUG): " + lines);
                assertFalse(lines.stream().anyMatch(l -> l.has("sampling_rate")), lines.toString());
            }
            long reports = runtime.stderrLines().stream().filter(l -> l.contains("@Logging(samplingRate = 7.0)")).count();
            assertEquals(1, reports, String.join("\n", runtime.stderrLines()));
        }
    }
}
