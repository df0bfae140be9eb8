package dev.lambdalens.examples.plain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.examples.ApiGateway;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The plain-Java handler gives the same logs, metrics and trace as the annotated one: the same sample event goes
 * through both, each configured from its own template, and what they write is compared.
 */
class PlainJavaLocalRunTest {
    private static LocalXRayDaemon daemon;
    private static Telemetry plain;
    private static Telemetry plainRejected;
    private static Telemetry annotated;

    @BeforeAll
    static void invokeBothHandlers() {
        daemon = LocalXRayDaemon.start();
        try (LocalLambdaRuntime runtime = Example.PLAIN_JAVA.configure(LocalLambdaRuntime.builder())
                .xrayDaemonAddress(daemon.address()).build()) {
            plain = Telemetry.of(runtime.invoke(Example.PLAIN_JAVA.event("create-order.json")), daemon);
            plainRejected = Telemetry.of(runtime.invoke(Example.PLAIN_JAVA.event("create-order-bad-json.json")), daemon);
        }
        try (LocalXRayDaemon other = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = Example.ORDERS_API.configure(LocalLambdaRuntime.builder())
                     .xrayDaemonAddress(other.address()).build()) {
            annotated = Telemetry.of(runtime.invoke(Example.ORDERS_API.event("create-order.json")), other);
        }
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    @Test
    void isNotWovenAtAll() throws IOException {
        try (InputStream in = PlainOrdersHandler.class.getResourceAsStream("PlainOrdersHandler.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(classFile.contains("org/aspectj"), "the plain-Java handler must not need AspectJ");
        }
    }

    @Test
    void answersLikeTheAnnotatedHandler() {
        JsonNode plainOrder = ApiGateway.body(plain.invocation());
        JsonNode annotatedOrder = ApiGateway.body(annotated.invocation());

        assertEquals(201, ApiGateway.response(plain.invocation()).path("statusCode").asInt());
        assertEquals(annotatedOrder.path("totalCents"), plainOrder.path("totalCents"));
        assertEquals(400, ApiGateway.response(plainRejected.invocation()).path("statusCode").asInt());
    }

    @Test
    void logsTheSameLinesWithTheSameKeysMasked() {
        assertEquals(shape(annotated.logLines()), shape(plain.logLines()));
        JsonNode event = plain.logLines().stream().filter(line -> line.has("event")).findFirst().orElseThrow()
                .path("event");
        assertEquals("****", event.path("headers").path("Authorization").asText());
        assertFalse(String.join("\n", plain.invocation().stdout()).contains("4111 1111 1111 1111"));
    }

    @Test
    void writesTheSameMetricsAndSubsegments() {
        assertEquals(metricNames(annotated), metricNames(plain));
        assertEquals(annotated.subsegments("## OrderStore.save").size(), plain.subsegments("## OrderStore.save").size());
        assertEquals(1, plain.subsegments("## handleRequest").size());
    }

    @Test
    void joinsLogsMetricsAndTracesOnOneTraceIdPerInvocation() {
        OneTraceId.assertJoined(List.of(plain, plainRejected), daemon);
    }

    /** Level, message shape and keys of each line, without the values that differ between runs. */
    private static List<String> shape(List<JsonNode> lines) {
        return lines.stream().map(line -> {
            Set<String> keys = new TreeSet<>();
            line.fieldNames().forEachRemaining(keys::add);
            keys.removeAll(Set.of("timestamp"));
            return line.path("level").asText() + " " + line.path("message").asText().replaceAll("[0-9a-f-]{36}", "ID")
                    + " " + keys;
        }).toList();
    }

    private static Set<String> metricNames(Telemetry telemetry) {
        Set<String> names = new TreeSet<>();
        telemetry.emfDocuments().forEach(document -> document.path("_aws").path("CloudWatchMetrics").path(0)
                .path("Metrics").forEach(metric -> names.add(metric.path("Name").asText())));
        return names;
    }
}
