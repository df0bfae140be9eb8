package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Documents of one kind that Lambda Lens wrote during a test, parsed as JSON in the order they were written.
 * Thread-safe: invocations and their worker threads write while the test reads. A document that is not valid
 * JSON fails the test when it is read, with the text that was written: valid JSON is part of what is tested. So
 * does a log line or an EMF document that spans lines (CloudWatch Logs would cut it in pieces).
 */
public abstract class CapturedDocuments {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<String> texts = new ArrayList<>();
    private final boolean oneLine;

    /** {@code oneLine}: each document must be one line (no line break in it), as on a log stream. */
    CapturedDocuments(boolean oneLine) {
        this.oneLine = oneLine;
    }

    synchronized void add(byte[] utf8, int offset, int length) {
        texts.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    /** The documents as written, one string each. */
    public synchronized List<String> texts() {
        return List.copyOf(texts);
    }

    /**
     * Every document, parsed; a document that is not one JSON object with unique keys (for log lines and EMF
     * documents: on one line) fails the test.
     */
    public List<JsonNode> all() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String text : texts()) {
            if (oneLine && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                throw new AssertionError("a line break inside one document: " + text);
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new AssertionError("not a JSON object: " + text);
                }
                parsed.add(node);
            } catch (IOException e) {
                throw new AssertionError("not one JSON object with unique keys (" + e.getMessage() + "): " + text, e);
            }
        }
        return parsed;
    }

    /** The documents that match {@code filter}. */
    public List<JsonNode> where(Predicate<JsonNode> filter) {
        return all().stream().filter(filter).toList();
    }

    /** How many documents were written. */
    public synchronized int size() {
        return texts.size();
    }

    /** Forgets every document written so far. */
    public synchronized void clear() {
        texts.clear();
    }

    @Override
    public String toString() {
        return String.join("\n", texts());
    }
}
