package dev.lambdalens.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testsupport.SharedSchemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The checks of an EMF document that the test kit's {@code CapturedMetrics} does not make (its parsed views serve
 * the reading: {@code CapturedMetrics.valuesIn}, {@code dimensionSetsIn}, {@code metricNamesIn}), for documents
 * the kit captured and for the stdout lines of a child JVM. Parses EMF lines and checks each against the shared EMF schema plus the rules the schema cannot express
 * (../shared/README.md): every dimension name is a root member with a string value; every metric name is a root
 * member whose value is a number or an array of at most 100 numbers; at most 100 metric definitions per
 * directive; at most 30 dimensions per set; one line of less than 1 MB.
 */
final class EmfDocuments {
    static final ObjectMapper JSON = new ObjectMapper();

    private EmfDocuments() {
    }

    /** Whether a line looks like an EMF document (other output, e.g. a runtime's own lines, is skipped). */
    static boolean isEmf(String line) {
        return line.startsWith("{\"_aws\":");
    }

    /**
     * The runtime client logs this line without a line break when it starts several handler threads; in Lambda
     * the line goes to the telemetry log channel, locally it is on standard output and the next line of the
     * function continues it. Only this known prefix is tolerated before a document.
     */
    private static final java.util.regex.Pattern RUNTIME_CLIENT_PREFIX =
            java.util.regex.Pattern.compile("^Starting \\d+ concurrent function handler threads\\.");

    /** Every EMF line of {@code lines}, checked and parsed. */
    static List<JsonNode> parseAll(Collection<String> lines) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines) {
            String candidate = RUNTIME_CLIENT_PREFIX.matcher(line).replaceFirst("");
            if (isEmf(candidate)) {
                documents.add(checked(candidate));
            } else {
                assertFalse(candidate.contains("{\"_aws\":"), () -> "an EMF document not at the start of a line: " + line);
            }
        }
        return documents;
    }

    /** {@code line} parsed, after every check passed. */
    static JsonNode checked(String line) {
        assertFalse(line.contains("\n"), "one document is one line");
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length < 1024 * 1024, "a line is less than 1 MB");
        List<String> violations = SharedSchemas.violations(SharedSchemas.EMF, line);
        assertEquals(List.of(), violations, () -> "schema violations in " + line);
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
            assertTrue(directive.path("Metrics").size() <= 100, "at most 100 metric definitions per directive");
            for (JsonNode set : directive.path("Dimensions")) {
                assertTrue(set.size() <= 30, "at most 30 dimensions per set");
                for (JsonNode name : set) {
                    JsonNode value = root.get(name.asText());
                    assertTrue(value != null && value.isTextual(),
                            () -> "dimension " + name + " is a root member with a string value in " + line);
                }
            }
            for (JsonNode definition : directive.path("Metrics")) {
                JsonNode value = root.get(definition.path("Name").asText());
                if (value == null) {
                    fail("metric " + definition + " is a root member in " + line);
                }
                if (value.isArray()) {
                    assertTrue(value.size() <= 100, "at most 100 values per metric");
                    value.forEach(v -> assertTrue(v.isNumber(), "metric values are numbers: " + line));
                } else {
                    assertTrue(value.isNumber(), () -> "metric value is a number: " + line);
                }
            }
        }
        return root;
    }
}
