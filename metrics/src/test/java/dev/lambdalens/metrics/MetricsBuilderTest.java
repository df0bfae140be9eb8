package dev.lambdalens.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.CapturedMetrics;
import dev.lambdalens.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The Powertools-style configuration of the process-wide instance, seen in what it writes to standard output. */
class MetricsBuilderTest {

    @Test
    void configuresTheProcessWideInstanceThatTheAnnotationFlushes() throws Throwable {
        Metrics metrics = MetricsBuilder.builder().withNamespace("Built").withService("built-service").build();
        assertSame(MetricsFactory.getMetricsInstance(), metrics);
        LensRuntime runtime = LensRuntime.builder().configuration(Configuration.of(Map.of()))
                .diagnostics(new Diagnostics(line -> { })).systemProperties(key -> null).build();
        // What the @FlushMetrics aspect builds: an interceptor sharing the process-wide instance.
        MetricsInterceptor interceptor = LambdaMetrics.builder().metrics(metrics).build();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Interception.around(runtime, TestContext.create(), null, List.of(interceptor), () -> {
                metrics.addMetric("Built", 1, MetricUnit.COUNT);
                return null;
            });
        } finally {
            System.setOut(original);
            metrics.setNamespace(null);
            metrics.clearDefaultDimensions();
        }

        List<JsonNode> documents = EmfDocuments.parseAll(captured.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(1, documents.size());
        JsonNode document = documents.get(0);
        assertEquals("Built", document.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
        assertEquals("built-service", document.path("Service").asText());
        assertEquals(List.of(1.0), CapturedMetrics.valuesIn(document, "Built"));
    }
}
