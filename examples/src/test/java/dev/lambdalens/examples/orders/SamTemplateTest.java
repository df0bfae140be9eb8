package dev.lambdalens.examples.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lambdalens.testing.SharedSchemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The SAM template of the examples module against the published AWS SAM schema, read from
 * {@code <project root>/../shared/schemas/}; skipped with a message when that folder is not there.
 */
class SamTemplateTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode template = read(Path.of("template.yaml"));

    @Test
    void validatesAgainstTheSamSchema() {
        List<String> violations = SharedSchemas.violations(SharedSchemas.SAM, template);

        assertEquals(List.of(), violations);
    }

    @Test
    void wouldRejectATemplateWithAWrongTracingMode() {
        JsonNode broken = template.deepCopy();
        ((ObjectNode) broken.path("Resources").path("OrdersFunction")
                .path("Properties")).put("Tracing", "Sometimes");

        assertFalse(SharedSchemas.violations(SharedSchemas.SAM, broken).isEmpty(),
                "the schema check must be able to fail");
    }

    @Test
    void deploysTheOrdersHandlerTracedWithItsOwnLogGroup() {
        JsonNode function = template.path("Resources").path("OrdersFunction");
        JsonNode globals = template.path("Globals").path("Function");

        assertEquals("AWS::Serverless::Function", function.path("Type").asText());
        assertEquals(OrdersHandler.class.getName() + "::handleRequest", function.path("Properties").path("Handler").asText());
        assertEquals("Active", globals.path("Tracing").asText());
        assertEquals("orders", globals.path("Environment").path("Variables").path("POWERTOOLS_SERVICE_NAME").asText());
        assertEquals("OrdersLogGroup", function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText());
        assertEquals("AWS::Logs::LogGroup", template.path("Resources").path("OrdersLogGroup").path("Type").asText());
    }

    private static JsonNode read(Path path) {
        try {
            return YAML.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
