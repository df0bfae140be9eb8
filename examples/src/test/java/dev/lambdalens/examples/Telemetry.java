package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalXRayDaemon;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one invocation wrote, sorted: JSON log lines and EMF documents from its stdout, other stdout lines, and
 * the X-Ray documents of its trace from the local daemon.
 *
 * @param invocation the invocation
 * @param logLines stdout JSON objects that are not EMF documents
 * @param emfDocuments stdout JSON objects with an {@code _aws} member
 * @param otherLines stdout lines that are not JSON objects
 * @param xrayDocuments the daemon's documents whose {@code trace_id} is the invocation's Root
 */
public record Telemetry(Invocation invocation, List<JsonNode> logLines, List<JsonNode> emfDocuments,
                        List<String> otherLines, List<JsonNode> xrayDocuments) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The handler subsegment is sent when the handler ends, after every subsegment inside it. */
    private static final String HANDLER_SUBSEGMENT = "## handleRequest";

    /** Sorts the invocation's stdout, and waits (up to 5 s) for its handler subsegment to reach the daemon. */
    public static Telemetry of(Invocation invocation, LocalXRayDaemon daemon) {
        List<JsonNode> logs = new ArrayList<>();
        List<JsonNode> emf = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : invocation.stdout()) {
            Optional<JsonNode> json = parseObject(line);
            if (json.isEmpty()) {
                if (!line.isBlank()) {
                    other.add(line);
                }
            } else if (json.get().has("_aws")) {
                emf.add(json.get());
            } else {
                logs.add(json.get());
            }
        }
        String root = invocation.traceRoot().orElseThrow();
        List<JsonNode> xray = List.of();
        if (daemon != null && invocation.traceHeader().contains("Sampled=1")) {
            try {
                daemon.awaitDocuments(1, Duration.ofSeconds(5), document -> root.equals(document.path("trace_id").asText())
                        && HANDLER_SUBSEGMENT.equals(document.path("name").asText()));
            } catch (AssertionError e) {
                throw new AssertionError("No handler subsegment for " + invocation + "; stdout " + invocation.stdout()
                        + "; stderr " + invocation.stderr(), e);
            }
            xray = daemon.documentsOfTrace(root);
        }
        return new Telemetry(invocation, List.copyOf(logs), List.copyOf(emf), List.copyOf(other), xray);
    }

    /** The log lines whose message is {@code message}. */
    public List<JsonNode> logsWithMessage(String message) {
        return logLines.stream().filter(line -> message.equals(line.path("message").asText())).toList();
    }

    /** The value of a metric in the first EMF document that has it. */
    public Optional<JsonNode> metric(String name) {
        return emfDocuments.stream().filter(document -> document.has(name)).map(document -> document.get(name))
                .findFirst();
    }

    /**
     * The subsegments named {@code name}, whether sent as documents of their own or nested in their parent's
     * {@code subsegments} (Lambda Lens sends the children that ended inside the handler with it).
     */
    public List<JsonNode> subsegments(String name) {
        List<JsonNode> found = new ArrayList<>();
        xrayDocuments.forEach(document -> collect(document, name, found));
        return found;
    }

    private static void collect(JsonNode subsegment, String name, List<JsonNode> found) {
        if (name.equals(subsegment.path("name").asText())) {
            found.add(subsegment);
        }
        subsegment.path("subsegments").forEach(child -> collect(child, name, found));
    }

    /** The line as a JSON object, if it is one. */
    public static Optional<JsonNode> parseObject(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
