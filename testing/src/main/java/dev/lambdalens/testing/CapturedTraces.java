package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The X-Ray segment documents of a {@link TestLens} (what would have gone to the daemon, without its header),
 * and the subsegments in them, whether sent alone or nested in their parent's {@code subsegments}.
 */
public final class CapturedTraces extends CapturedDocuments {

    CapturedTraces() {
        super(false);
    }

    /** Every subsegment named {@code name}, sent alone or nested. */
    public List<JsonNode> subsegments(String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode document : all()) {
            collect(document, name, found);
        }
        return found;
    }

    /** The one subsegment named {@code name}; fails the test when there is none or more than one. */
    public JsonNode subsegment(String name) {
        List<JsonNode> found = subsegments(name);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " subsegments named \"" + name + "\"; documents:\n" + this);
        }
        return found.get(0);
    }

    /** The direct children of {@code parent}: nested ones and those sent alone with it as {@code parent_id}. */
    public List<JsonNode> childrenOf(JsonNode parent) {
        List<JsonNode> children = new ArrayList<>();
        parent.path("subsegments").forEach(children::add);
        String id = parent.path("id").asText();
        for (JsonNode document : all()) {
            if (id.equals(document.path("parent_id").asText()) && children.stream()
                    .noneMatch(child -> child.path("id").asText().equals(document.path("id").asText()))) {
                children.add(document);
            }
        }
        return children;
    }

    private static void collect(JsonNode subsegment, String name, List<JsonNode> found) {
        if (name.equals(subsegment.path("name").asText())) {
            found.add(subsegment);
        }
        subsegment.path("subsegments").forEach(child -> collect(child, name, found));
    }
}
