package dev.lambdalens.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testing.XRayDatagram;
import dev.lambdalens.testsupport.SharedSchemas;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading what the local daemon received, for the tests. */
final class Documents {
    private Documents() {
    }

    /** Every datagram has the daemon header, a schema-valid document, and fits the daemon's limit. */
    static void assertAllValid(LocalXRayDaemon daemon) {
        List<XRayDatagram> datagrams = daemon.datagrams();
        assertTrue(daemon.datagramsWithoutValidHeader().isEmpty(), () -> "datagrams without header: "
                + daemon.datagramsWithoutValidHeader());
        for (XRayDatagram datagram : datagrams) {
            assertTrue(datagram.document().isPresent(), () -> "not a JSON document: " + datagram.raw());
            List<String> violations = SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, datagram.document().get());
            assertEquals(List.of(), violations, () -> "invalid document: " + datagram.raw());
            assertTrue(datagram.raw().getBytes(StandardCharsets.UTF_8).length <= 64 * 1024,
                    () -> "datagram over 64 KB: " + datagram.raw().length());
        }
    }

    /** The documents of an invocation's trace whose parent is the segment Lambda created (its Parent). */
    static List<JsonNode> rootsOf(LocalXRayDaemon daemon, Invocation invocation) {
        String parent = invocation.traceParent().orElseThrow();
        List<JsonNode> roots = new ArrayList<>();
        for (JsonNode document : daemon.documentsOfTrace(invocation.traceRoot().orElseThrow())) {
            if (parent.equals(document.path("parent_id").asText())) {
                roots.add(document);
            }
        }
        return roots;
    }

    /** The one complete handler subsegment of the invocation. */
    static JsonNode handlerOf(LocalXRayDaemon daemon, Invocation invocation, String name) {
        List<JsonNode> complete = rootsOf(daemon, invocation).stream()
                .filter(document -> name.equals(document.path("name").asText()) && document.has("end_time"))
                .toList();
        assertEquals(1, complete.size(), () -> "handler subsegments of " + invocation + ": " + complete
                + "; all: " + daemon.documents());
        return complete.get(0);
    }

    /** The first subsegment named {@code name} anywhere under {@code node}. */
    static Optional<JsonNode> find(JsonNode node, String name) {
        for (JsonNode child : node.path("subsegments")) {
            if (name.equals(child.path("name").asText())) {
                return Optional.of(child);
            }
            Optional<JsonNode> deeper = find(child, name);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    static JsonNode child(JsonNode node, String name) {
        return find(node, name).orElseThrow(() -> new AssertionError("no subsegment " + name + " in " + node));
    }

    /** Names of the direct children of {@code node}. */
    static List<String> childNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.path("subsegments").forEach(child -> names.add(child.path("name").asText()));
        return names;
    }
}
