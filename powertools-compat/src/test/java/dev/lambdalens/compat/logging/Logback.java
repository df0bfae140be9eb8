package dev.lambdalens.compat.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Logback context configured from logback.xml text, whose appender named {@code JsonAppender} (an
 * {@link OutputStreamAppender} with Lambda Lens's encoder) writes to memory; {@link #lines()} parses its output.
 */
final class Logback {
    private static final ObjectMapper JSON = new ObjectMapper();
    final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Logback(String xml) {
        // The same MDC as org.slf4j.MDC's, so that lines carry what the code under test puts there.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        Object root = context.getLogger("ROOT").iteratorForAppenders().next();
        if (!(root instanceof BufferingAppender)
                || !(((BufferingAppender) root).getAppender("JsonAppender") instanceof OutputStreamAppender)) {
            throw new IllegalStateException("no JsonAppender under the root's BufferingAppender");
        }
        OutputStreamAppender<?> json = (OutputStreamAppender<?>) ((BufferingAppender) root).getAppender("JsonAppender");
        // Joran could not start it without a stream; it starts now, writing to memory.
        json.setOutputStream(out);
        json.start();
    }

    org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() >= Status.WARN && !status.getMessage().contains("output stream")) {
                errors.add(status.getMessage());
            }
        }
        return errors;
    }

    synchronized List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    synchronized void reset() {
        out.reset();
    }

    List<String> messages() {
        return lines().stream().map(line -> line.path("message").asText()).toList();
    }

    static String config(String bufferingProperties) {
        return """
                <configuration>
                    <appender name="JsonAppender" class="ch.qos.logback.core.OutputStreamAppender">
                        <encoder class="dev.lambdalens.logging.LambdaJsonEncoder"/>
                    </appender>
                    <appender name="BufferedJsonAppender" class="dev.lambdalens.compat.logging.BufferingAppender">
                        %s
                        <appender-ref ref="JsonAppender"/>
                    </appender>
                    <root level="DEBUG">
                        <appender-ref ref="BufferedJsonAppender"/>
                    </root>
                </configuration>
                """.formatted(bufferingProperties);
    }
}
