package dev.lambdalens.core;

import dev.lambdalens.core.spi.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationTest {

    @Test
    void readsValuesWithDefaultsAndTreatsBlankAsUnset() {
        Configuration config = Configuration.of(Map.of("A", " x ", "BLANK", "  ", "FLAG", "TRUE", "RATE", "0.25", "N", "7"));

        assertEquals("x", config.get("A", "d"));
        assertEquals("d", config.get("BLANK", "d"));
        assertEquals("d", config.get("MISSING", "d"));
        SettingsReader settings = new SettingsReader(config, new Diagnostics(line -> { }));
        assertTrue(settings.bool("FLAG", false));
        assertEquals(0.25, settings.decimal("RATE", 0, 0, 1));
        assertEquals(7, settings.integer("N", 0, 0, 10));
        assertNull(config.get("MISSING"));
    }

    @Test
    void unusableValuesAreReportedOnceNamingTheSettingAndFallBackToTheDefault() {
        Configuration config = Configuration.of(Map.of("FLAG", "yes please", "RATE", "lots", "N", "1.5",
                "BIG", "11", "MODE", "sideways", "PATTERNS", "ok-[0-9]+, [unclosed, fine"));
        List<String> reports = new ArrayList<>();
        SettingsReader settings = new SettingsReader(config, new Diagnostics(reports::add));

        assertFalse(settings.bool("FLAG", false));
        assertEquals(0.1, settings.decimal("RATE", 0.1, 0, 1));
        assertEquals(3, settings.integer("N", 3, 0, 10));
        assertEquals(3, settings.integer("BIG", 3, 0, 10));
        assertEquals(InitializationType.ON_DEMAND,
                settings.enumValue("MODE", InitializationType.class, InitializationType.ON_DEMAND));
        List<Pattern> patterns = settings.patterns("PATTERNS");
        assertEquals(List.of("ok-[0-9]+", "fine"), patterns.stream().map(Pattern::pattern).toList());
        settings.bool("FLAG", false);

        assertEquals(6, reports.size(), String.join("\n", reports));
        assertTrue(reports.get(0).contains("FLAG=yes please is not true or false; the default false applies"));
        assertTrue(reports.get(2).contains("N=1.5 is not a whole number"));
        assertTrue(reports.get(3).contains("BIG=11 is outside 0 to 10"));
        assertTrue(reports.get(4).contains("MODE=sideways is not one of on_demand, provisioned_concurrency"));
        assertTrue(reports.get(5).contains("PATTERNS=[unclosed is not a valid regular expression"));
    }

    @Test
    void fallbackIsConsultedOnlyForUnsetKeys() {
        Configuration code = Configuration.of(Map.of("POWERTOOLS_SERVICE_NAME", "from-code"));
        Configuration env = Configuration.of(Map.of("POWERTOOLS_SERVICE_NAME", "from-env", "POWERTOOLS_LOG_LEVEL", "WARN"));

        Configuration merged = code.orElse(env);

        assertEquals("from-code", merged.get("POWERTOOLS_SERVICE_NAME"));
        assertEquals("WARN", merged.get("POWERTOOLS_LOG_LEVEL"));
    }

    @Test
    void environmentIsReadOnceIntoAValue() {
        LambdaEnvironment env = LambdaEnvironment.from(Configuration.of(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "orders",
                "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
                "AWS_REGION", "eu-west-1",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/25/[$LATEST]abc",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "POWERTOOLS_SERVICE_NAME", "checkout",
                "AWS_LAMBDA_MAX_CONCURRENCY", "4",
                "LAMBDA_TASK_ROOT", "/var/task")), Diagnostics.global());

        assertEquals("orders", env.functionName());
        assertEquals("$LATEST", env.functionVersion());
        assertEquals(512, env.memorySizeMb());
        assertEquals("eu-west-1", env.region());
        assertEquals("/aws/lambda/orders", env.logGroupName());
        assertEquals("2026/11/25/[$LATEST]abc", env.logStreamName());
        assertEquals(InitializationType.SNAP_START, env.initializationType());
        assertEquals("checkout", env.serviceName());
        assertEquals(4, env.maxConcurrency());
        assertTrue(env.insideLambda());
    }

    @Test
    void environmentOutsideLambdaHasDefaults() {
        LambdaEnvironment env = LambdaEnvironment.from(Configuration.of(Map.of()), Diagnostics.global());

        assertNull(env.functionName());
        assertEquals(0, env.memorySizeMb());
        assertEquals(InitializationType.ON_DEMAND, env.initializationType());
        assertEquals(LambdaEnvironment.DEFAULT_SERVICE_NAME, env.serviceName());
        assertEquals(1, env.maxConcurrency());
        assertFalse(env.insideLambda());
    }
}
