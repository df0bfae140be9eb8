package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The JSON log lines of a {@link TestLens}: every line written during its invocations. */
public final class CapturedLogs extends CapturedDocuments {

    CapturedLogs() {
        super(true);
    }

    /** The lines whose {@code message} is {@code message}. */
    public List<JsonNode> withMessage(String message) {
        return where(line -> message.equals(line.path("message").asText(null)));
    }

    /** The lines at {@code level} ({@code INFO}, {@code ERROR}, ...). */
    public List<JsonNode> atLevel(String level) {
        return where(line -> level.equals(line.path("level").asText(null)));
    }

    /** The one line whose message is {@code message}; fails the test when there is none or more than one. */
    public JsonNode line(String message) {
        List<JsonNode> found = withMessage(message);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " lines with the message \"" + message + "\"; lines:\n" + this);
        }
        return found.get(0);
    }
}
