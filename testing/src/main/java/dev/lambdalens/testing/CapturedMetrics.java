package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The CloudWatch EMF documents of a {@link TestLens}, with the values and dimensions of each metric. */
public final class CapturedMetrics extends CapturedDocuments {

    CapturedMetrics() {
        super(true);
    }

    /** The documents that define the metric {@code name}. */
    public List<JsonNode> documentsWith(String name) {
        return where(document -> defines(document, name));
    }

    /** Every value written for the metric {@code name}, across documents, in order. */
    public List<Double> values(String name) {
        List<Double> values = new ArrayList<>();
        for (JsonNode document : documentsWith(name)) {
            values.addAll(valuesIn(document, name));
        }
        return values;
    }

    /**
     * The values of the metric {@code name} in one document (one of {@link #all()}), in order; empty when the
     * document has no member of that name. For checks per document, such as how a batch was split.
     */
    public static List<Double> valuesIn(JsonNode document, String name) {
        List<Double> values = new ArrayList<>();
        JsonNode value = document.path(name);
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asDouble()));
        } else if (!value.isMissingNode()) {
            values.add(value.asDouble());
        }
        return values;
    }

    /** The names of the metrics one document defines, in order (its first directive: Lambda Lens writes one). */
    public static List<String> metricNamesIn(JsonNode document) {
        List<String> names = new ArrayList<>();
        firstDirective(document).path("Metrics").forEach(metric -> names.add(metric.path("Name").asText()));
        return names;
    }

    /** The dimension sets of one document, each as its dimension names (its first directive). */
    public static List<List<String>> dimensionSetsIn(JsonNode document) {
        return dimensionSetsOf(firstDirective(document));
    }

    /** The one value of the metric {@code name}; fails the test when it was written no time or several times. */
    public double value(String name) {
        List<Double> values = values(name);
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " values of the metric " + name + "; documents:\n" + this);
        }
        return values.get(0);
    }

    /** The dimension sets of the first document that defines {@code name}, each as its dimension names. */
    public List<List<String>> dimensionSets(String name) {
        List<JsonNode> documents = documentsWith(name);
        if (documents.isEmpty()) {
            throw new AssertionError("no document defines the metric " + name + "; documents:\n" + this);
        }
        return dimensionSetsOf(directive(documents.get(0), name));
    }

    /** The namespace of the first document that defines {@code name}. */
    public String namespace(String name) {
        List<JsonNode> documents = documentsWith(name);
        if (documents.isEmpty()) {
            throw new AssertionError("no document defines the metric " + name + "; documents:\n" + this);
        }
        return directive(documents.get(0), name).path("Namespace").asText();
    }

    private static JsonNode firstDirective(JsonNode document) {
        return document.path("_aws").path("CloudWatchMetrics").path(0);
    }

    private static List<List<String>> dimensionSetsOf(JsonNode directive) {
        List<List<String>> sets = new ArrayList<>();
        for (JsonNode set : directive.path("Dimensions")) {
            List<String> keys = new ArrayList<>();
            set.forEach(key -> keys.add(key.asText()));
            sets.add(keys);
        }
        return sets;
    }

    private static boolean defines(JsonNode document, String name) {
        return !directive(document, name).isMissingNode();
    }

    private static JsonNode directive(JsonNode document, String name) {
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                if (name.equals(metric.path("Name").asText())) {
                    return directive;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
