package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lambdalens.testing.LocalLambdaRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example: its folder (template.yaml, events/) and the function it deploys. Local runs configure the runtime
 * from the template itself (handler, function name, environment variables), so that what runs locally is what
 * {@code sam deploy} would deploy.
 *
 * @param folder the example's folder, relative to the examples module
 * @param functionId the logical id of its function in template.yaml
 */
public record Example(Path folder, String functionId) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static final Example ORDERS_API = new Example(Path.of("orders-api"), "OrdersFunction");
    public static final Example QUEUE_WORKER = new Example(Path.of("queue-worker"), "ShipmentWorkerFunction");
    public static final Example STREAM_CONSUMER = new Example(Path.of("stream-consumer"), "CustomerTotalsFunction");
    public static final Example PLAIN_JAVA = new Example(Path.of("plain-java"), "PlainOrdersFunction");
    public static final Example SNAPSTART = new Example(Path.of("snapstart"), "QuoteFunction");

    /** Every example, in the order the README presents them. */
    public static Example[] all() {
        return new Example[] {ORDERS_API, QUEUE_WORKER, STREAM_CONSUMER, PLAIN_JAVA, SNAPSTART};
    }

    /** The same example with its folder under {@code moduleDir} (the demo runs from the repository root). */
    public Example under(Path moduleDir) {
        return new Example(moduleDir.resolve(folder), functionId);
    }

    public JsonNode template() {
        try {
            return YAML.readTree(folder.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function's {@code Properties}. */
    public JsonNode function() {
        return template().path("Resources").path(functionId).path("Properties");
    }

    /** The handler the template deploys. */
    public String handler() {
        return function().path("Handler").asText();
    }

    /** The global environment variables, overridden by the function's own. */
    public Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        copy(template().path("Globals").path("Function").path("Environment").path("Variables"), variables);
        copy(function().path("Environment").path("Variables"), variables);
        return variables;
    }

    /** A sample event of {@code events/}. */
    public String event(String name) {
        try {
            return Files.readString(folder.resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the runtime up as the template deploys the function. */
    public LocalLambdaRuntime.Builder configure(LocalLambdaRuntime.Builder runtime) {
        runtime.handler(handler()).functionName(function().path("FunctionName").asText());
        environment().forEach(runtime::env);
        return runtime;
    }

    private static void copy(JsonNode variables, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            into.put(variable.getKey(), variable.getValue().asText());
        }
    }

    @Override
    public String toString() {
        return folder.toString();
    }
}
