package dev.lambdalens.compat.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lambdalens.testing.CapturedMetrics.dimensionSetsIn;
import static dev.lambdalens.testing.CapturedMetrics.valuesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openrewrite.java.Assertions.java;

/**
 * What a Powertools v2 user gets after migrating: two Powertools-style handlers (one with the annotations, one in
 * Powertools' functional style) are migrated by the shipped recipe, the recipe's output is woven by ajc with
 * Lambda Lens's aspects (as {@code aspectj-maven-plugin} weaves a user's build), and the woven classes run in a
 * child JVM through the real AWS Lambda runtime interface client ({@link LocalLambdaRuntime}) with a local X-Ray
 * daemon. The assertions are the output Powertools 2.10 documents for these calls ({@code docs/core/logging.md},
 * {@code tracing.md}, {@code metrics.md}, checked against its {@code LambdaLoggingAspect},
 * {@code LambdaTracingAspect}, {@code TracingUtils} and {@code EmfMetricsLogger}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigratedHandlersRunTest implements RewriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "orders-service";

    static final String ANNOTATED_HANDLER = """
            package com.example.orders;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;
            import software.amazon.lambda.powertools.logging.Logging;
            import software.amazon.lambda.powertools.metrics.FlushMetrics;
            import software.amazon.lambda.powertools.metrics.Metrics;
            import software.amazon.lambda.powertools.metrics.MetricsFactory;
            import software.amazon.lambda.powertools.metrics.model.DimensionSet;
            import software.amazon.lambda.powertools.metrics.model.MetricUnit;
            import software.amazon.lambda.powertools.tracing.Tracing;
            import software.amazon.lambda.powertools.tracing.TracingUtils;

            public class OrderHandler implements RequestHandler<Map<String, Object>, String> {
                private static final Logger LOG = LoggerFactory.getLogger(OrderHandler.class);
                private final Metrics metrics = MetricsFactory.getMetricsInstance();

                @Override
                @Logging(logEvent = true, logResponse = true, logError = true)
                @Tracing(namespace = "orders")
                @FlushMetrics(namespace = "Shop", captureColdStart = true)
                public String handleRequest(Map<String, Object> event, Context context) {
                    String id = String.valueOf(event.get("id"));
                    LOG.info("Placing order");
                    TracingUtils.putAnnotation("order", id);
                    TracingUtils.putMetadata("order", event);
                    TracingUtils.withSubsegment("save", subsegment -> {
                        subsegment.putAnnotation("table", "orders");
                        subsegment.putMetadata("rows", 1);
                        TracingUtils.putMetadata("saved", id);
                    });
                    TracingUtils.withSubsegment("audit", "notify", subsegment -> TracingUtils.putMetadata("channel", "email"));
                    metrics.addDimension("Channel", "web");
                    metrics.addMetric("OrdersPlaced", 1, MetricUnit.COUNT);
                    metrics.flushSingleMetric("Refunds", 2, MetricUnit.COUNT, "Billing", DimensionSet.of("Reason", "late"));
                    if ("fail".equals(event.get("mode"))) {
                        throw new IllegalStateException("payment declined");
                    }
                    return "placed " + id;
                }
            }
            """;

    static final String FUNCTIONAL_HANDLER = """
            package com.example.orders;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;
            import software.amazon.lambda.powertools.logging.PowertoolsLogging;
            import software.amazon.lambda.powertools.logging.argument.StructuredArguments;
            import software.amazon.lambda.powertools.metrics.Metrics;
            import software.amazon.lambda.powertools.metrics.MetricsFactory;
            import software.amazon.lambda.powertools.metrics.model.DimensionSet;
            import software.amazon.lambda.powertools.metrics.model.MetricUnit;
            import software.amazon.lambda.powertools.tracing.TracingUtils;

            public class FunctionalOrderHandler implements RequestHandler<Map<String, Object>, String> {
                private static final Logger LOG = LoggerFactory.getLogger(FunctionalOrderHandler.class);
                private static final Metrics metrics = MetricsFactory.getMetricsInstance();

                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    return PowertoolsLogging.withLogging(context, () -> {
                        metrics.captureColdStartMetric(context, DimensionSet.of("FunctionName", "MyFunction", "Service", "payment"));
                        String id = String.valueOf(event.get("id"));
                        TracingUtils.withSubsegment("validate", subsegment -> {
                            subsegment.putAnnotation("order", id);
                            TracingUtils.putMetadata("check", "passed");
                        });
                        LOG.info("Validated order {}", StructuredArguments.entry("order_id", id));
                        metrics.addMetric("Validated", 1, MetricUnit.COUNT);
                        metrics.flush();
                        return "valid " + id;
                    });
                }
            }
            """;

    private final LocalXRayDaemon daemon = LocalXRayDaemon.start();
    private final Map<String, String> migrated = new LinkedHashMap<>();
    private Path work;
    private Path wovenClasses;

    @Override
    public void defaults(RecipeSpec spec) {
        spec.recipeFromResources("dev.lambdalens.compat.MigrateFromPowertools")
                .parser(JavaParser.fromJavaVersion()
                        .classpath("aws-lambda-java-core", "slf4j-api")
                        .dependsOn(PowertoolsStubs.SOURCES));
    }

    /** Migrates both handlers with the recipe and weaves the recipe's output, once for every test. */
    @BeforeAll
    void migrateAndWeave() throws IOException {
        work = Files.createTempDirectory("migrated-handlers-");
        rewriteRun(
                java(ANNOTATED_HANDLER, source -> source.path("src/main/java/com/example/orders/OrderHandler.java")
                        .after(actual -> actual)
                        .afterRecipe(cu -> migrated.put("com/example/orders/OrderHandler.java", cu.printAll()))),
                java(FUNCTIONAL_HANDLER, source -> source
                        .path("src/main/java/com/example/orders/FunctionalOrderHandler.java")
                        .after(actual -> actual)
                        .afterRecipe(cu -> migrated.put("com/example/orders/FunctionalOrderHandler.java", cu.printAll()))));
        assertEquals(2, migrated.size(), migrated::toString);
        migrated.values().forEach(source -> assertFalse(source.contains("software.amazon.lambda.powertools"), source));
        wovenClasses = AjcWeaving.weave(work, migrated);
    }

    @AfterAll
    void cleanUp() throws IOException {
        daemon.close();
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private LocalLambdaRuntime.Builder lambda(String handler) {
        return LocalLambdaRuntime.builder()
                .handler(handler)
                .classpath(wovenClasses + File.pathSeparator + AjcWeaving.testClasspath())
                .xrayDaemonAddress(daemon.address())
                .env("POWERTOOLS_SERVICE_NAME", SERVICE)
                .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                .timeout(Duration.ofSeconds(20))
                .initTimeout(Duration.ofSeconds(20));
    }

    @Test
    void theAnnotatedHandlerWritesPowertoolsLogLinesEmfDimensionSetsAndSubsegments() {
        String logger = "com.example.orders.OrderHandler";
        try (LocalLambdaRuntime lambda = lambda("com.example.orders.OrderHandler::handleRequest")
                .env("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true")
                .build()) {
            Invocation first = lambda.invoke("{\"id\":\"o-1\"}");
            Invocation second = lambda.invoke("{\"id\":\"o-2\"}");
            Invocation failed = lambda.invoke("{\"id\":\"o-3\",\"mode\":\"fail\"}");
            assertEquals("\"placed o-1\"", first.response().orElse(null), () -> first + " " + first.stderr());
            assertEquals("\"placed o-2\"", second.response().orElse(null), second::toString);
            assertEquals(InvocationStatus.FUNCTION_ERROR, failed.status(), failed::toString);

            // Logging: Powertools' messages, the handler class as logger, Powertools' keys.
            List<JsonNode> firstLines = logLines(first);
            JsonNode event = only(firstLines, "Handler Event");
            assertEquals("o-1", event.at("/event/id").asText(), event::toString);
            JsonNode response = only(firstLines, "Handler Response");
            assertEquals("placed o-1", response.path("response").asText(), response::toString);
            JsonNode own = only(firstLines, "Placing order");
            for (JsonNode line : List.of(event, response, own)) {
                assertEquals(logger, line.path("logger").asText(), line::toString);
                assertEquals("INFO", line.path("level").asText(), line::toString);
                assertPowertoolsKeys(line, first, true);
            }
            for (JsonNode line : logLines(second)) {
                assertPowertoolsKeys(line, second, false);
            }
            JsonNode error = only(logLines(failed), "Exception in Lambda Handler");
            assertEquals(logger, error.path("logger").asText(), error::toString);
            assertEquals("ERROR", error.path("level").asText(), error::toString);
            assertEquals("payment declined", error.at("/error/message").asText(), error::toString);
            assertEquals("java.lang.IllegalStateException", error.at("/error/name").asText(), error::toString);
            assertTrue(error.at("/error/stack").asText().contains("OrderHandler.handleRequest"), error::toString);
            assertPowertoolsKeys(error, failed, false);

            // Metrics: one document per call, each with the dimension set Powertools gives that call.
            List<JsonNode> firstMetrics = emfDocuments(first);
            assertEquals(3, firstMetrics.size(), firstMetrics::toString);
            JsonNode coldStart = with(firstMetrics, "ColdStart");
            assertEquals(List.of(List.of("Service", "FunctionName")), dimensionSetsIn(coldStart));
            assertEquals("Shop", namespaceOf(coldStart));
            assertEquals(SERVICE, coldStart.path("Service").asText());
            assertEquals("local-function", coldStart.path("FunctionName").asText());
            assertEquals(List.of(1.0), valuesIn(coldStart, "ColdStart"));
            JsonNode placed = with(firstMetrics, "OrdersPlaced");
            assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(placed),
                    "addDimension adds to the set that holds Service");
            assertEquals("Shop", namespaceOf(placed));
            assertEquals("web", placed.path("Channel").asText());
            JsonNode refunds = with(firstMetrics, "Refunds");
            assertEquals(List.of(List.of("Reason")), dimensionSetsIn(refunds),
                    "flushSingleMetric writes exactly the given set, without Service");
            assertEquals("Billing", namespaceOf(refunds));
            assertFalse(refunds.has("Service"), refunds::toString);
            assertEquals(List.of(2.0), valuesIn(refunds, "Refunds"));
            List<JsonNode> secondMetrics = emfDocuments(second);
            assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(with(secondMetrics, "OrdersPlaced")));
            assertEquals(List.of(List.of("Reason")), dimensionSetsIn(with(secondMetrics, "Refunds")));
            assertTrue(secondMetrics.stream().noneMatch(d -> d.has("ColdStart")), "a cold start is written once");
            List<JsonNode> failedMetrics = emfDocuments(failed);
            assertEquals(2, failedMetrics.size(), "a failed invocation still flushes its metrics: " + failedMetrics);
            assertEquals(List.of(List.of("Service", "Channel")), dimensionSetsIn(with(failedMetrics, "OrdersPlaced")));

            // Tracing: ## handleRequest with ## save and ## notify, metadata in @Tracing's namespace.
            JsonNode handler = handlerSubsegment(first);
            assertEquals("subsegment", handler.path("type").asText());
            assertEquals(first.traceParent().orElseThrow(), handler.path("parent_id").asText());
            assertTrue(handler.path("annotations").path("ColdStart").asBoolean(), handler::toString);
            assertEquals("o-1", handler.path("annotations").path("order").asText(), handler::toString);
            assertEquals("o-1", handler.at("/metadata/orders/order/id").asText(), handler::toString);
            assertEquals("placed o-1", handler.at("/metadata/orders/handleRequest response").asText(),
                    "POWERTOOLS_TRACER_CAPTURE_RESPONSE=true records the response in the namespace");
            assertEquals(List.of("## save", "## notify"), childNames(handler));
            JsonNode save = child(handler, "## save");
            assertEquals("orders", save.at("/annotations/table").asText(), handler::toString);
            assertEquals(1, save.at("/metadata/default/rows").asInt(),
                    "the X-Ray SDK subsegment's putMetadata(key, value) writes to the namespace 'default': " + save);
            assertEquals("o-1", save.at("/metadata/" + SERVICE + "/saved").asText(),
                    "withSubsegment(name, ...) gives its subsegment the service name as namespace: " + save);
            assertEquals("email", child(handler, "## notify").at("/metadata/audit/channel").asText(), handler::toString);
            assertFalse(handlerSubsegment(second).path("annotations").path("ColdStart").asBoolean());
            JsonNode failedHandler = handlerSubsegment(failed);
            assertTrue(failedHandler.path("fault").asBoolean(), failedHandler::toString);
            assertFalse(failedHandler.path("metadata").path("orders").has("handleRequest error"),
                    "POWERTOOLS_TRACER_CAPTURE_ERROR unset: the error is not recorded as metadata");
            assertAllXRayDocumentsValid();
        }
    }

    @Test
    void theFunctionalHandlerWritesPowertoolsOutputWithoutAnyAnnotation() {
        try (LocalLambdaRuntime lambda = lambda("com.example.orders.FunctionalOrderHandler::handleRequest")
                .env("POWERTOOLS_METRICS_NAMESPACE", "ServerlessAirline")
                .build()) {
            Invocation first = lambda.invoke("{\"id\":\"o-7\"}");
            Invocation second = lambda.invoke("{\"id\":\"o-8\"}");
            assertEquals("\"valid o-7\"", first.response().orElse(null), () -> first + " " + first.stderr());
            assertEquals("\"valid o-8\"", second.response().orElse(null), second::toString);

            // Logging: withLogging adds the context keys; like Powertools it logs no event or response line.
            List<JsonNode> lines = logLines(first);
            JsonNode validated = only(lines, "Validated order order_id=o-7");
            assertEquals("com.example.orders.FunctionalOrderHandler", validated.path("logger").asText());
            assertEquals("o-7", validated.path("order_id").asText(), validated::toString);
            assertPowertoolsKeys(validated, first, true);
            assertTrue(lines.stream().noneMatch(l -> l.path("message").asText().startsWith("Handler ")),
                    lines::toString);
            assertPowertoolsKeys(only(logLines(second), "Validated order order_id=o-8"), second, false);

            // Metrics: the cold start with exactly the given set; flush() writes the defaults' set.
            List<JsonNode> firstMetrics = emfDocuments(first);
            assertEquals(2, firstMetrics.size(), firstMetrics::toString);
            JsonNode coldStart = with(firstMetrics, "ColdStart");
            assertEquals(List.of(List.of("FunctionName", "Service")), dimensionSetsIn(coldStart));
            assertEquals("payment", coldStart.path("Service").asText());
            assertEquals("ServerlessAirline", namespaceOf(coldStart));
            JsonNode validatedMetric = with(firstMetrics, "Validated");
            assertEquals(List.of(List.of("Service")), dimensionSetsIn(validatedMetric));
            assertEquals(SERVICE, validatedMetric.path("Service").asText());
            assertEquals("ServerlessAirline", namespaceOf(validatedMetric));
            List<JsonNode> secondMetrics = emfDocuments(second);
            assertEquals(1, secondMetrics.size(), secondMetrics::toString);
            assertEquals(List.of(List.of("Service")), dimensionSetsIn(with(secondMetrics, "Validated")));

            // Tracing: ## validate, sent alone under the invocation's segment, metadata under the service name.
            JsonNode validate = daemon.awaitDocuments(1, Duration.ofSeconds(5), d -> "## validate".equals(
                    d.path("name").asText()) && first.traceRoot().orElseThrow().equals(d.path("trace_id").asText()))
                    .get(0);
            assertEquals("subsegment", validate.path("type").asText());
            assertEquals(first.traceParent().orElseThrow(), validate.path("parent_id").asText());
            assertEquals("o-7", validate.at("/annotations/order").asText(), validate::toString);
            assertEquals("passed", validate.at("/metadata/" + SERVICE + "/check").asText(), validate::toString);
            assertAllXRayDocumentsValid();
        }
    }

    /** The keys Powertools' LambdaJsonEncoder writes on every line of a handler with logging set up. */
    private static void assertPowertoolsKeys(JsonNode line, Invocation invocation, boolean coldStart) {
        assertEquals(SERVICE, line.path("service").asText(), line::toString);
        assertEquals(coldStart, line.path("cold_start").asBoolean(), line::toString);
        assertTrue(line.path("cold_start").isBoolean(), line::toString);
        assertEquals(invocation.requestId(), line.path("function_request_id").asText(), line::toString);
        assertEquals(invocation.traceRoot().orElseThrow(), line.path("xray_trace_id").asText(), line::toString);
        assertEquals("local-function", line.path("function_name").asText(), line::toString);
        assertTrue(line.path("function_arn").asText().endsWith(":function:local-function"), line::toString);
        assertEquals(512, line.path("function_memory_size").asInt(), line::toString);
        assertEquals("$LATEST", line.path("function_version").asText(), line::toString);
        assertTrue(line.has("timestamp"), line::toString);
    }

    private JsonNode handlerSubsegment(Invocation invocation) {
        String traceId = invocation.traceRoot().orElseThrow();
        return daemon.awaitDocuments(1, Duration.ofSeconds(5), d -> "## handleRequest".equals(d.path("name").asText())
                && traceId.equals(d.path("trace_id").asText())).get(0);
    }

    private void assertAllXRayDocumentsValid() {
        assertEquals(List.of(), daemon.datagramsWithoutValidHeader());
        for (JsonNode document : daemon.documents()) {
            assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT, document), document::toString);
        }
    }

    private static List<String> childNames(JsonNode parent) {
        List<String> names = new ArrayList<>();
        parent.path("subsegments").forEach(child -> names.add(child.path("name").asText()));
        return names;
    }

    private static JsonNode child(JsonNode parent, String name) {
        for (JsonNode child : parent.path("subsegments")) {
            if (name.equals(child.path("name").asText())) {
                return child;
            }
        }
        throw new AssertionError("no subsegment " + name + " in " + parent);
    }

    /** The invocation's JSON lines that are log lines (not EMF documents). */
    private static List<JsonNode> logLines(Invocation invocation) {
        return jsonLines(invocation).stream().filter(d -> !d.has("_aws")).toList();
    }

    /** The invocation's EMF documents, each checked against the EMF schema and the rules it cannot express. */
    private static List<JsonNode> emfDocuments(Invocation invocation) {
        List<JsonNode> documents = jsonLines(invocation).stream().filter(d -> d.has("_aws")).toList();
        for (JsonNode document : documents) {
            assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.EMF, document), document::toString);
            for (List<String> set : dimensionSetsIn(document)) {
                set.forEach(name -> assertTrue(document.path(name).isTextual(), () -> name + " in " + document));
            }
            assertEquals(invocation.requestId(), document.path("function_request_id").asText(), document::toString);
            assertEquals(invocation.traceRoot().orElseThrow(), document.path("xray_trace_id").asText());
        }
        return documents;
    }

    private static List<JsonNode> jsonLines(Invocation invocation) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : invocation.stdout()) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> lines, String message) {
        List<JsonNode> matching = lines.stream().filter(l -> message.equals(l.path("message").asText())).toList();
        assertEquals(1, matching.size(), () -> "one line '" + message + "' in " + lines);
        return matching.get(0);
    }

    private static JsonNode with(List<JsonNode> documents, String metric) {
        List<JsonNode> matching = documents.stream().filter(d -> d.has(metric)).toList();
        assertEquals(1, matching.size(), () -> "one document with " + metric + " in " + documents);
        return matching.get(0);
    }

    private static String namespaceOf(JsonNode document) {
        return document.at("/_aws/CloudWatchMetrics/0/Namespace").asText();
    }
}
