package dev.lambdalens.adversarial;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationRequest;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@link BadDay} through the real runtime client, woven and plain, and once more with settings that are
 * wrong in every way a template can be wrong: the handler's outcome is its own, every line is one JSON object with
 * unique keys, every document matches its schema, and what the case did around the bad part is all there.
 */
class BadDayCorpusTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    enum Variant {
        ANNOTATED("dev.lambdalens.adversarial.AnnotatedBadDayHandler::handleRequest", false),
        PLAIN("dev.lambdalens.adversarial.PlainBadDayHandler::handleRequest", false),
        ANNOTATED_WITH_BAD_SETTINGS("dev.lambdalens.adversarial.AnnotatedBadDayHandler::handleRequest", true);

        final String handler;
        final boolean badSettings;

        Variant(String handler, boolean badSettings) {
            this.handler = handler;
            this.badSettings = badSettings;
        }
    }

    record Outcome(Variant variant, BadDay day, Invocation invocation, List<JsonNode> lines, List<JsonNode> documents) {
        List<JsonNode> subsegments(String name) {
            List<JsonNode> found = new ArrayList<>();
            documents.forEach(document -> collect(document, name, found));
            return found;
        }

        private static void collect(JsonNode subsegment, String name, List<JsonNode> found) {
            // X-Ray merges the documents of one id: an in-progress copy sent with its parent, completed by the
            // subsegment's own document when it ends, is one subsegment, counted by its completed form.
            if (name.equals(subsegment.path("name").asText()) && !subsegment.path("in_progress").asBoolean()) {
                found.add(subsegment);
            }
            subsegment.path("subsegments").forEach(child -> collect(child, name, found));
        }

        List<JsonNode> logs(String message) {
            return lines.stream().filter(line -> message.equals(line.path("message").asText())).toList();
        }
    }

    private static LocalXRayDaemon daemon;
    private static final List<Outcome> OUTCOMES = new ArrayList<>();
    private static Invocation hugeMalformedHeader;

    @BeforeAll
    static void runEveryBadDay() {
        daemon = LocalXRayDaemon.start();
        for (Variant variant : Variant.values()) {
            LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder().handler(variant.handler)
                    .functionName("bad-day").timeout(Duration.ofSeconds(20)).memoryMb(1024)
                    .xrayDaemonAddress(daemon.address()).env("POWERTOOLS_SERVICE_NAME", "bad-day")
                    // Errors captured (Powertools' default is off): the bad days go through the capture path too.
                    .env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true");
            if (variant.badSettings) {
                builder.env("LAMBDA_LENS_LOG_MASK_VALUES", "[unclosed,ok-[0-9]+")
                        .env("LAMBDA_LENS_LOG_MASK_PATHS", "$..[,$.fine")
                        .env("POWERTOOLS_LOGGER_SAMPLE_RATE", "7")
                        .env("POWERTOOLS_LOG_LEVEL", "LOUD")
                        .env("POWERTOOLS_METRICS_DISABLED", "perhaps")
                        .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "sometimes")
                        .env("LAMBDA_LENS_LOG_BUFFER_MAX_BYTES", "-5");
            }
            List<Invocation> invocations = new ArrayList<>();
            try (LocalLambdaRuntime runtime = builder.build()) {
                for (BadDay day : BadDay.values()) {
                    invocations.add(runtime.invoke("{\"badDay\":\"" + day.name() + "\"}"));
                }
                // Lambda freezes the environment after a response, and work still running (LATE_CHILDREN's late
                // child) goes on at the next invocation: one more invocation, so that the last case gets it too.
                runtime.invoke("{\"badDay\":\"NULLS\"}");
                if (variant == Variant.ANNOTATED) {
                    hugeMalformedHeader = runtime.invoke(InvocationRequest.of("{\"badDay\":\"NULLS\"}")
                            .traceHeader("Root=" + "q".repeat(10_000) + ";Sampled=1"));
                }
            }
            for (int i = 0; i < invocations.size(); i++) {
                Invocation invocation = invocations.get(i);
                OUTCOMES.add(new Outcome(variant, BadDay.values()[i], invocation, parse(invocation), documents(invocation)));
            }
        }
    }

    private static List<JsonNode> parse(Invocation invocation) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : invocation.stdout()) {
            try {
                lines.add(STRICT.readTree(line));
            } catch (JsonProcessingException e) {
                lines.add(STRICT.createObjectNode().put("__not_json__", e.getOriginalMessage() + ": "
                        + line.substring(0, Math.min(300, line.length()))));
            }
        }
        return lines;
    }

    private static List<JsonNode> documents(Invocation invocation) {
        String root = invocation.traceRoot().orElseThrow();
        try {
            daemon.awaitDocuments(1, Duration.ofSeconds(5), document -> root.equals(document.path("trace_id").asText())
                    && "## handleRequest".equals(document.path("name").asText()));
        } catch (AssertionError e) {
            // Checked per case as lost data.
        }
        return daemon.documentsOfTrace(root);
    }

    @AfterAll
    static void stopTheDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadDay() {
        return OUTCOMES.stream().map(outcome -> DynamicTest.dynamicTest(outcome.variant() + " / " + outcome.day(),
                () -> check(outcome)));
    }

    /**
     * What the runtime does with the case's outcome. An exception whose {@code getMessage()} throws, thrown out of
     * the handler, makes the runtime interface client itself exit (2.10.1 reads the message to report the error),
     * with or without Lambda Lens: Lens passes the function's exception on unchanged, and its line and
     * subsegment of the failure must still arrive.
     */
    private static InvocationStatus expectedStatus(BadDay day) {
        if (day == BadDay.MESSAGE_THAT_THROWS) {
            return InvocationStatus.CRASH;
        }
        return day.throwsAfter() ? InvocationStatus.FUNCTION_ERROR : InvocationStatus.SUCCESS;
    }

    private static void check(Outcome outcome) {
        Invocation invocation = outcome.invocation();
        assertEquals(expectedStatus(outcome.day()), invocation.status(), invocation::toString);
        if (outcome.day() == BadDay.MESSAGE_THAT_THROWS) {
            assertTrue(String.join("\n", invocation.stderr()).contains("com.amazonaws.services.lambda.runtime.api.client"),
                    () -> "the runtime client, not Lambda Lens, fails on the message: " + invocation.stderr());
        }
        for (JsonNode line : outcome.lines()) {
            assertTrue(!line.has("__not_json__"), () -> "not one JSON object with unique keys: " + line);
            if (line.has("_aws")) {
                List<String> violations = SharedSchemas.violations(SharedSchemas.EMF, line);
                assertTrue(violations.isEmpty(), () -> violations + " in " + line);
                assertTrue(line.toString().length() <= 1024 * 1024, "an EMF document over 1 MB");
            }
        }
        for (String line : invocation.stderr()) {
            if (line.startsWith("{")) {
                assertTrue(line.length() < 3_000, () -> "a diagnostic of " + line.length() + " chars");
            }
        }
        for (JsonNode document : outcome.documents()) {
            List<String> violations = SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, document);
            assertTrue(violations.isEmpty(), () -> violations + " in " + document.toString().substring(0, 500));
        }
        assertEquals(1, outcome.logs("case started").size(), "the first line");
        assertEquals(1, outcome.logs(CorpusCase.DONE).size(), () -> "the last line was lost: " + invocation.stdout());
        assertTrue(outcome.lines().stream().anyMatch(line -> line.has("_aws") && line.has(CorpusCase.RUNS)),
                () -> "the metric was lost: " + invocation.stdout());
        List<JsonNode> handler = outcome.subsegments("## handleRequest");
        assertEquals(1, handler.size(), () -> "the handler subsegment was lost: " + outcome.documents() + "; stderr "
                + invocation.stderr());
        if (outcome.day().throwsAfter()) {
            assertTrue(handler.get(0).path("fault").asBoolean(), () -> "no fault: " + handler.get(0));
        }
        SPECIFIC.getOrDefault(outcome.day(), o -> { }).accept(outcome);
    }

    private static final java.util.Map<BadDay, Consumer<Outcome>> SPECIFIC = java.util.Map.of(
            BadDay.MESSAGE_THAT_THROWS, outcome -> assertTrue(outcome.lines().stream()
                    .anyMatch(line -> "ERROR".equals(line.path("level").asText()) && line.has("error")),
                    () -> "no ERROR line with the error: " + outcome.invocation().stdout()),
            BadDay.HUGE_EXCEPTION_MESSAGE, outcome -> {
                JsonNode failed = outcome.logs("failed").get(0);
                assertEquals("java.lang.IllegalStateException", failed.path("error").path("name").asText(),
                        () -> "a truncated line keeps its error: " + failed.toString().substring(0, 400));
                assertTrue(failed.path("error").path("stack").asText().contains("BadDay"), "and its stack");
            },
            BadDay.WORKER_THREADS, outcome -> {
                for (int i = 0; i < 20; i++) {
                    assertEquals(1, outcome.subsegments("## worker " + i).size(), "worker subsegment " + i);
                    assertEquals(1, outcome.logs("worker line " + i).size(), "worker line " + i);
                    assertEquals(outcome.invocation().requestId(),
                            outcome.logs("worker line " + i).get(0).path("function_request_id").asText());
                }
            },
            BadDay.LATE_CHILDREN, outcome -> {
                assertEquals(1, outcome.subsegments("## late child").size(), () -> "late child: " + outcome.documents());
                assertEquals(1, outcome.subsegments("## late grandchild").size(),
                        () -> "late grandchild: " + outcome.documents());
            },
            BadDay.INVALID_METRICS, outcome -> assertTrue(outcome.lines().stream()
                    .anyMatch(line -> line.has("_aws") && line.path("Fine").asInt() == 2),
                    () -> "the valid metric was lost: " + outcome.invocation().stdout()),
            BadDay.RESERVED_KEYS, outcome -> {
                for (JsonNode line : outcome.lines()) {
                    if (line.has("xray_trace_id")) {
                        assertEquals(outcome.invocation().traceRoot().orElseThrow(), line.path("xray_trace_id").asText(),
                                () -> "a structured argument overwrote the trace id: " + line);
                    }
                }
            });

    @Test
    void aHugeMalformedTraceHeaderIsReportedBrieflyAndTheInvocationGoesOn() {
        assertEquals(InvocationStatus.SUCCESS, hugeMalformedHeader.status(), hugeMalformedHeader::toString);
        for (String line : hugeMalformedHeader.stderr()) {
            assertTrue(line.length() < 3_000, () -> "a diagnostic of " + line.length() + " chars");
        }
        assertTrue(parse(hugeMalformedHeader).stream().anyMatch(line -> CorpusCase.DONE.equals(line.path("message").asText())));
    }

    @Test
    void badSettingsAreEachReportedOnceNamingTheSetting() {
        List<String> stderr = new ArrayList<>();
        OUTCOMES.stream().filter(outcome -> outcome.variant() == Variant.ANNOTATED_WITH_BAD_SETTINGS)
                .forEach(outcome -> stderr.addAll(outcome.invocation().stderr()));
        String all = String.join("\n", stderr);
        long jvms = 1 + OUTCOMES.stream().filter(outcome -> outcome.variant() == Variant.ANNOTATED_WITH_BAD_SETTINGS
                && outcome.invocation().status() == InvocationStatus.CRASH).count();
        for (String setting : List.of("LAMBDA_LENS_LOG_MASK_VALUES", "POWERTOOLS_LOGGER_SAMPLE_RATE",
                "POWERTOOLS_METRICS_DISABLED", "POWERTOOLS_TRACER_CAPTURE_RESPONSE", "LAMBDA_LENS_LOG_BUFFER_MAX_BYTES")) {
            long count = stderr.stream().filter(line -> line.contains(setting)).count();
            // Once per JVM: the runtime starts a new one after a crash (see expectedStatus).
            assertEquals(jvms, count, () -> setting + " reported " + count + " times in " + jvms + " JVMs: " + all);
        }
        // Every line Lambda Lens writes to stderr is JSON; a crashed runtime client's own death trace is not ours.
        List<String> ours = new ArrayList<>();
        OUTCOMES.stream().filter(outcome -> outcome.variant() == Variant.ANNOTATED_WITH_BAD_SETTINGS
                        && outcome.invocation().status() != InvocationStatus.CRASH)
                .forEach(outcome -> ours.addAll(outcome.invocation().stderr()));
        for (String line : ours) {
            try {
                assertTrue(STRICT.readTree(line).isObject());
            } catch (JsonProcessingException e) {
                fail("stderr line is not JSON: " + line);
            }
        }
    }
}
