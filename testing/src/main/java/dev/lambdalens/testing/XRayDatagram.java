package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One UDP datagram received by {@link LocalXRayDaemon}. The X-Ray daemon protocol expects
 * {@code {"format": "json", "version": 1}}, a line break, then one segment or subsegment document.
 * The raw text is always kept; {@link #hasValidHeader()} tells whether the first line is that header, and
 * {@link #document()} holds the document when it parses as a JSON object.
 */
public final class XRayDatagram {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String raw;
    private final boolean validHeader;
    private final JsonNode document;

    private XRayDatagram(String raw, boolean validHeader, JsonNode document) {
        this.raw = raw;
        this.validHeader = validHeader;
        this.document = document;
    }

    /** Parses a datagram's text; never throws, whatever the text. */
    public static XRayDatagram parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        int lineBreak = raw.indexOf('\n');
        String header = lineBreak < 0 ? raw : raw.substring(0, lineBreak);
        String body = lineBreak < 0 ? "" : raw.substring(lineBreak + 1);
        JsonNode headerNode = readObject(header);
        boolean validHeader = headerNode != null
                && "json".equals(headerNode.path("format").asText(null))
                && headerNode.path("version").isInt() && headerNode.path("version").asInt() == 1;
        return new XRayDatagram(raw, validHeader, readObject(body));
    }

    /** The datagram exactly as received, decoded as UTF-8. */
    public String raw() {
        return raw;
    }

    /** True when the first line is the daemon header {@code {"format": "json", "version": 1}}. */
    public boolean hasValidHeader() {
        return validHeader;
    }

    /** The segment document after the header line, when it is a JSON object. */
    public Optional<JsonNode> document() {
        return Optional.ofNullable(document);
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
