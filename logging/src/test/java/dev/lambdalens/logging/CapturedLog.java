package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.core.Configuration;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real Logback (the SLF4J binding of the test JVM) writing through a {@link LambdaJsonAppender}, with a given
 * encoder and settings, at INFO, into memory instead of standard output. What the test kit cannot capture: the
 * lines of the encoder alone and the lines written outside any invocation (the lines of a {@code TestLens}
 * runtime's invocations go to {@code lens.logs()} instead), and {@link #parse} checks the stdout lines of a
 * child JVM. Every captured line is parsed as JSON; a line that is not exactly one JSON object fails the test.
 */
final class CapturedLog implements AutoCloseable {
    /** Refuses a line with the same key twice: many JSON readers would silently keep only one of them. */
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final List<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> detached = new ArrayList<>();
    private final Level previousLevel = root.getLevel();
    private final LambdaJsonAppender appender = new LambdaJsonAppender();

    private CapturedLog(Map<String, String> config, LambdaJsonEncoder encoder) {
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        encoder.setContext(context);
        encoder.setConfiguration(Configuration.of(config));
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
    }

    static CapturedLog install() {
        return new CapturedLog(Map.of(), new LambdaJsonEncoder());
    }

    static CapturedLog install(Map<String, String> config, LambdaJsonEncoder encoder) {
        return new CapturedLog(config, encoder);
    }

    /** Every line written so far, each parsed as one JSON object with unique keys. */
    synchronized List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            lines.add(parse(line));
        }
        return lines;
    }

    /** The raw output. */
    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The lines whose message is {@code message}. */
    List<JsonNode> withMessage(String message) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode line : lines()) {
            if (message.equals(line.path("message").asText())) {
                found.add(line);
            }
        }
        return found;
    }

    JsonNode only(String message) {
        List<JsonNode> found = withMessage(message);
        if (found.size() != 1) {
            fail("expected one line with message '" + message + "', found " + found.size() + " in:\n" + text());
        }
        return found.get(0);
    }

    static JsonNode parse(String line) {
        assertFalse(line.contains("\n") || line.contains("\r"), "a line break inside a line: " + line);
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                fail("not a JSON object: " + line);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        detached.forEach(root::addAppender);
        root.setLevel(previousLevel);
    }
}
