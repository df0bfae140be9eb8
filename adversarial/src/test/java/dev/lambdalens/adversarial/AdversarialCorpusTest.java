package dev.lambdalens.adversarial;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;
import dev.lambdalens.testing.XRayDatagram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The adversarial corpus: every {@link Secret} in every {@link Placement}, through the real Lambda runtime client
 * and a local X-Ray daemon, for the woven handler and the plain-Java one with default settings, and for the woven
 * handler with the user's own sensitive name configured. For every case: the handler's outcome, every stdout line
 * one JSON object with unique keys, every EMF document and X-Ray document valid against the shared schemas, the
 * secret nowhere in stdout, stderr or any datagram, and nothing lost (the last log line, the metric and the handler
 * subsegment all arrive). The masking table in logging/README.md is generated from these results.
 */
class AdversarialCorpusTest {
    /** The setting that makes the user's own name ({@link Secret#CUSTOM}) sensitive. */
    static final String MASK_FIELDS = dev.lambdalens.core.MaskingSettings.FIELDS;
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Path TABLE = Path.of("target", "masking-table.md");

    /** The function variants the corpus runs through. */
    enum Variant {
        ANNOTATED("dev.lambdalens.adversarial.AnnotatedCorpusHandler::handleRequest", false),
        PLAIN("dev.lambdalens.adversarial.PlainCorpusHandler::handleRequest", false),
        ANNOTATED_WITH_SETTING("dev.lambdalens.adversarial.AnnotatedCorpusHandler::handleRequest", true);

        final String handler;
        final boolean customNameConfigured;

        Variant(String handler, boolean customNameConfigured) {
            this.handler = handler;
            this.customNameConfigured = customNameConfigured;
        }
    }

    /** What one case produced. */
    record Outcome(Variant variant, Placement placement, Secret secret, Invocation invocation,
                   List<String> datagrams, List<JsonNode> documents) {
        String name() {
            return variant + " / " + placement + " / " + secret;
        }

        /** Where the secret was found: stdout, stderr, datagram; empty when it did not leak. */
        List<String> leaks() {
            List<String> found = new ArrayList<>();
            for (String form : secret.forms()) {
                if (String.join("\n", invocation.stdout()).contains(form)) {
                    found.add("stdout");
                }
                if (String.join("\n", invocation.stderr()).contains(form)) {
                    found.add("stderr");
                }
                if (datagrams.stream().anyMatch(datagram -> datagram.contains(form))) {
                    found.add("X-Ray");
                }
            }
            return found.stream().distinct().toList();
        }

        /** Whether the library promises to mask this case in this variant. */
        boolean mustBeMasked() {
            return secret != Secret.CUSTOM || variant.customNameConfigured;
        }
    }

    private static LocalXRayDaemon daemon;
    private static final List<Outcome> OUTCOMES = new ArrayList<>();

    @BeforeAll
    static void runTheCorpus() {
        daemon = LocalXRayDaemon.start();
        for (Variant variant : Variant.values()) {
            LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder().handler(variant.handler)
                    .functionName("adversarial").timeout(Duration.ofSeconds(10)).xrayDaemonAddress(daemon.address())
                    .env("POWERTOOLS_SERVICE_NAME", "adversarial")
                    // Responses and errors captured (Powertools' default is off), so their masking is checked.
                    .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true")
                    .env("POWERTOOLS_TRACER_CAPTURE_ERROR", "true");
            if (variant.customNameConfigured) {
                builder.env(MASK_FIELDS, Secret.CUSTOM.fieldName());
            }
            try (LocalLambdaRuntime runtime = builder.build()) {
                for (Placement placement : Placement.values()) {
                    for (Secret secret : Secret.values()) {
                        if (!placement.accepts(secret)) {
                            continue;
                        }
                        Invocation invocation = runtime.invoke(event(placement, secret));
                        OUTCOMES.add(new Outcome(variant, placement, secret, invocation, List.of(), List.of()));
                    }
                }
            }
        }
        // The daemon's datagrams are matched to cases by trace id once every case has run.
        for (int i = 0; i < OUTCOMES.size(); i++) {
            Outcome outcome = OUTCOMES.get(i);
            String root = outcome.invocation().traceRoot().orElseThrow();
            try {
                daemon.awaitDocuments(1, Duration.ofSeconds(5), document -> root.equals(document.path("trace_id").asText())
                        && "## handleRequest".equals(document.path("name").asText()));
            } catch (AssertionError e) {
                // Reported by the case's own test as lost data.
            }
            List<String> raw = daemon.datagrams().stream().map(XRayDatagram::raw)
                    .filter(text -> text.contains(root)).toList();
            OUTCOMES.set(i, new Outcome(outcome.variant(), outcome.placement(), outcome.secret(), outcome.invocation(),
                    raw, daemon.documentsOfTrace(root)));
        }
    }

    @AfterAll
    static void stopTheDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String event(Placement placement, Secret secret) {
        ObjectNode event = STRICT.createObjectNode();
        event.put("resource", "/signin").put("path", "/signin").put("httpMethod", "POST");
        ObjectNode headers = event.putObject("headers");
        headers.put("Content-Type", "application/json");
        ObjectNode query = event.putObject("queryStringParameters");
        query.put("placement", placement.name()).put("secret", secret.name());
        ObjectNode body = STRICT.createObjectNode().put("user", "bob");
        switch (placement) {
            case EVENT_BODY_JSON -> body.put(secret.fieldName(), secret.value());
            case EVENT_HEADER -> headers.put(secret.fieldName(), secret.value());
            case EVENT_QUERY -> query.put(secret.fieldName(), secret.value());
            default -> {
            }
        }
        event.put("body", body.toString());
        event.putObject("requestContext").put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
                .put("stage", "prod");
        return event.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return OUTCOMES.stream().map(outcome -> DynamicTest.dynamicTest(outcome.name(), () -> check(outcome)));
    }

    private static void check(Outcome outcome) {
        Invocation invocation = outcome.invocation();
        InvocationStatus expected = outcome.placement() == Placement.UNCAUGHT_EXCEPTION
                ? InvocationStatus.FUNCTION_ERROR : InvocationStatus.SUCCESS;
        assertEquals(expected, invocation.status(), invocation::toString);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : invocation.stdout()) {
            try {
                lines.add(STRICT.readTree(line));
            } catch (JsonProcessingException e) {
                fail("stdout line is not one JSON object with unique keys (" + e.getOriginalMessage() + "): " + line);
            }
        }
        for (JsonNode line : lines) {
            assertTrue(line.isObject(), line::toString);
            if (line.has("_aws")) {
                List<String> violations = SharedSchemas.violations(SharedSchemas.EMF, line);
                assertTrue(violations.isEmpty(), () -> violations + " in " + line);
            }
        }
        for (JsonNode document : outcome.documents()) {
            List<String> violations = SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, document);
            assertTrue(violations.isEmpty(), () -> violations + " in " + document);
        }

        assertTrue(lines.stream().anyMatch(line -> CorpusCase.DONE.equals(line.path("message").asText())),
                () -> "the case's last log line was lost: " + invocation.stdout());
        assertTrue(lines.stream().anyMatch(line -> line.has("_aws") && line.has(CorpusCase.RUNS)),
                () -> "the case's metric was lost: " + invocation.stdout());
        assertTrue(outcome.documents().stream().anyMatch(document -> "## handleRequest".equals(document.path("name").asText())),
                () -> "the handler subsegment was lost: " + outcome.documents());

        if (outcome.mustBeMasked()) {
            List<String> leaks = outcome.leaks();
            assertTrue(leaks.isEmpty(), () -> outcome.secret() + " leaked to " + leaks + "; stdout "
                    + invocation.stdout() + "; stderr " + invocation.stderr() + "; X-Ray " + outcome.datagrams());
        }
    }

    @Test
    void theMaskingTableInTheLoggingReadmeIsCurrent() throws IOException {
        String table = maskingTable();
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, table);
        Path readme = Path.of("..", "logging", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, "logging/README.md has no " + TABLE_START + " ... " + TABLE_END + " section");
        String current = text.substring(start + TABLE_START.length(), end).trim();
        assertEquals(table.trim(), current, "logging/README.md's masking table is out of date; copy " + TABLE.toAbsolutePath()
                + " between its markers");
    }

    static final String TABLE_START = "<!-- masking-table:start (generated by adversarial/AdversarialCorpusTest) -->";
    static final String TABLE_END = "<!-- masking-table:end -->";

    /** One row per placement, one column per secret: masked by default, masked with a setting, or leaked. */
    static String maskingTable() {
        Map<Placement, Map<Secret, String>> cells = new EnumMap<>(Placement.class);
        for (Outcome outcome : OUTCOMES) {
            if (outcome.variant() == Variant.PLAIN) {
                continue;
            }
            Map<Secret, String> row = cells.computeIfAbsent(outcome.placement(), p -> new LinkedHashMap<>());
            boolean leaked = !outcome.leaks().isEmpty();
            if (outcome.variant() == Variant.ANNOTATED) {
                row.put(outcome.secret(), leaked ? "LEAKS" : "default");
            } else if (outcome.secret() == Secret.CUSTOM && "LEAKS".equals(row.get(Secret.CUSTOM))) {
                row.put(Secret.CUSTOM, leaked ? "LEAKS" : "`" + MASK_FIELDS + "`");
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("| placed in |");
        for (Secret secret : Secret.values()) {
            out.append(" `").append(secret.fieldName()).append("` |");
        }
        out.append("\n|---|");
        for (int i = 0; i < Secret.values().length; i++) {
            out.append("---|");
        }
        out.append('\n');
        for (Map.Entry<Placement, Map<Secret, String>> row : cells.entrySet()) {
            out.append("| ").append(row.getKey().name().toLowerCase().replace('_', ' ')).append(" |");
            for (Secret secret : Secret.values()) {
                out.append(' ').append(row.getValue().getOrDefault(secret, "n/a")).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
