package dev.lambdalens.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON schemas the project's output is checked against: the CloudWatch EMF schema, the X-Ray segment
 * document schema and the AWS SAM template schema, kept outside the repository at
 * {@code <project root>/../shared/schemas/}. In a clone without that folder the calling test is skipped
 * (JUnit assumption) with a message saying why.
 *
 * <p>The project root is the system property {@code lambdalens.projectRoot} (set by the build), or the
 * nearest folder above the working directory that holds {@code mvnw}.
 */
public final class SharedSchemas {
    /** The CloudWatch Embedded Metric Format document schema. */
    public static final String EMF = "emf.schema.json";
    /** The X-Ray segment and subsegment document schema. */
    public static final String XRAY_SEGMENT = "xray-segment.schema.json";
    /** The AWS SAM template schema. */
    public static final String SAM = "sam.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private SharedSchemas() {
    }

    /** The folder holding the shared schemas (it may not exist). */
    public static Path directory() {
        String root = System.getProperty("lambdalens.projectRoot");
        Path projectRoot = root != null ? Paths.get(root) : findProjectRoot();
        return projectRoot.toAbsolutePath().normalize().resolveSibling("shared").resolve("schemas");
    }

    /**
     * The violations of {@code document} against the named schema (one of the constants), as readable
     * messages; empty when it is valid. Skips the calling test when the schema is not there.
     */
    public static List<String> violations(String schemaName, JsonNode document) {
        Set<ValidationMessage> messages = schema(schemaName).validate(document);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    /** Like {@link #violations(String, JsonNode)} for a JSON text. */
    public static List<String> violations(String schemaName, String json) {
        try {
            return violations(schemaName, MAPPER.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static JsonSchema schema(String name) {
        Path file = directory().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                () -> "skipped: the shared schema " + file + " is not in this clone (CI always has ../shared/schemas)");
        return LOADED.computeIfAbsent(name, n -> {
            try {
                JsonNode schemaNode = MAPPER.readTree(file.toFile());
                return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode)).getSchema(schemaNode);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + file, e);
            }
        });
    }

    private static Path findProjectRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw"))) {
                return candidate;
            }
        }
        return dir;
    }
}
