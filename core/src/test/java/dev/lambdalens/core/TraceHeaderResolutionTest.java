package dev.lambdalens.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceHeaderResolutionTest {
    private static final String FROM_CONTEXT = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String FROM_PROPERTY = "Root=1-67890abc-000000000000000000000002;Parent=1111111111111111;Sampled=1";
    private static final String FROM_ENV = "Root=1-67890abc-000000000000000000000003;Parent=2222222222222222;Sampled=0";

    private final List<String> reported = new CopyOnWriteArrayList<>();

    private LensRuntime runtime(String property, String env) {
        return LensRuntime.builder()
                .configuration(env == null ? Configuration.of(Map.of())
                        : Configuration.of(Map.of(TraceHeader.ENVIRONMENT_VARIABLE, env)))
                .systemProperties(key -> TraceHeader.SYSTEM_PROPERTY.equals(key) ? property : null)
                .diagnostics(new Diagnostics(reported::add))
                .build();
    }

    private String traceIdOf(LensRuntime runtime, String contextHeader) {
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("r", contextHeader))) {
            return activation.scope().traceId();
        }
    }

    @Test
    void contextComesFirstThenSystemPropertyThenEnvironment() {
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", traceIdOf(runtime(FROM_PROPERTY, FROM_ENV), FROM_CONTEXT));
        assertEquals("1-67890abc-000000000000000000000002", traceIdOf(runtime(FROM_PROPERTY, FROM_ENV), null));
        assertEquals("1-67890abc-000000000000000000000003", traceIdOf(runtime(null, FROM_ENV), null));
        assertNull(traceIdOf(runtime(null, null), null));
    }

    @Test
    void malformedHeaderIsReportedOnceAndTreatedAsAbsent() {
        LensRuntime runtime = runtime(null, null);

        assertNull(traceIdOf(runtime, "Root=not-a-trace-id"));
        assertNull(traceIdOf(runtime, "Sampled=1"));
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("r3", FROM_CONTEXT))) {
            assertEquals("53995c3f42cd8ad8", activation.scope().traceHeader().parent());
        }

        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).contains("malformed X-Ray trace header"), reported.get(0));
        assertTrue(reported.get(0).startsWith("{\"level\":\"WARN\""), reported.get(0));
    }

    @Test
    void aHugeMalformedHeaderIsQuotedOnceShortened() {
        LensRuntime runtime = runtime(null, null);
        String value = "x".repeat(10_000);
        assertNull(traceIdOf(runtime, "Root=" + value));

        assertEquals(1, reported.size(), reported.toString());
        String line = reported.get(0);
        assertTrue(line.length() < 600, () -> "length " + line.length() + ": " + Diagnostics.shorten(line));
        assertEquals(1, line.split("chars\\)", -1).length - 1, () -> "quoted once, shortened: " + line);
        assertTrue(line.contains("carry no trace id"), line);
    }

    @Test
    void eachMalformedFieldIsNamedShortened() {
        String root = "Root=1-5759e988-bd862e3fe1be46a994272793";
        for (String header : List.of(root + ";" + "g".repeat(10_000), root + ";Parent=" + "p".repeat(10_000),
                root + ";Sampled=" + "s".repeat(10_000), "Foo=" + "f".repeat(10_000))) {
            String message = org.junit.jupiter.api.Assertions.assertThrows(MalformedTraceHeaderException.class,
                    () -> TraceHeader.parse(header)).getMessage();
            assertTrue(message.length() < 400, () -> "length " + message.length() + ": " + Diagnostics.shorten(message));
            assertTrue(message.contains("chars)"), message);
        }
    }
}
