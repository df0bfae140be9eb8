package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.MetricUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code addMetric} and its flush: an invocation through {@code ObservedHandler} with the metrics
 * interceptor whose handler adds one metric, so that the invocation's end serializes one EMF document, which
 * the runtime's document sink counts and discards. {@link #emptyInvocation()} is the
 * same invocation with no interceptor and an empty handler: what the wrapper itself costs, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx435m"})
public class MetricFlushBenchmark {
    private final HotPathInvocations invocations = new HotPathInvocations();
    private final CountingDocumentSink documents = new CountingDocumentSink();
    private RequestHandler<Object, Object> withMetric;
    private RequestHandler<Object, Object> empty;

    @Setup(Level.Trial)
    public void setUp() {
        invocations.setTraceHeaderProperty();
        LensRuntime runtime = LensRuntime.builder().documentSink(documents).build();
        // No ColdStart document: the first invocation is not what is measured.
        var interceptor = LambdaMetrics.builder().runtime(runtime).captureColdStart(false).build();
        Metrics metrics = interceptor.metrics();
        withMetric = ObservedHandler.wrap((Object event, com.amazonaws.services.lambda.runtime.Context context) -> {
            metrics.addMetric("OrdersServed", 1, MetricUnit.COUNT);
            return null;
        }).with(interceptor).runtime(runtime).build();
        empty = ObservedHandler.wrap((Object event, com.amazonaws.services.lambda.runtime.Context context) -> null)
                .runtime(runtime).build();
    }

    @Benchmark
    public Object addMetricAndFlush() {
        return withMetric.handleRequest(null, invocations.next());
    }

    @Benchmark
    public Object emptyInvocation() {
        return empty.handleRequest(null, invocations.next());
    }

    /** The measured invocation once more: one EMF document with the metric (none for the empty one). */
    @TearDown(Level.Trial)
    public void checkDocument(BenchmarkParams params) throws IOException {
        boolean metric = params.getBenchmark().endsWith(".addMetricAndFlush");
        documents.startCapture();
        if (metric) {
            addMetricAndFlush();
        } else {
            emptyInvocation();
        }
        List<String> written = documents.stopCapture();
        if (written.size() != (metric ? 1 : 0)) {
            throw new IllegalStateException("Hot path " + params.getBenchmark() + " wrote " + written);
        }
        if (metric) {
            JsonNode emf = new ObjectMapper().readTree(written.get(0));
            if (!emf.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0).path("Name").asText()
                    .equals("OrdersServed") || emf.path("OrdersServed").asDouble() != 1) {
                throw new IllegalStateException("Hot path addMetricAndFlush wrote no valid EMF document: " + written);
            }
        }
        System.err.println("[hot path check] " + (metric ? "addMetricAndFlush: one EMF document of "
                + written.get(0).length() + " characters" : "emptyInvocation: no document") + ", "
                + documents.count() + " documents in the trial");
    }

    /**
     * A document sink that only counts while measuring (the library reuses its buffer, so nothing is kept) and
     * copies the documents of the check.
     */
    static final class CountingDocumentSink implements DocumentSink {
        private long count;
        private List<String> captured;

        @Override
        public synchronized void write(Kind kind, byte[] utf8, int offset, int length) {
            count++;
            if (captured != null) {
                captured.add(new String(utf8, offset, length, StandardCharsets.UTF_8));
            }
        }

        synchronized long count() {
            return count;
        }

        synchronized void startCapture() {
            captured = new ArrayList<>();
        }

        /** The documents written since {@link #startCapture()}. */
        synchronized List<String> stopCapture() {
            List<String> documents = captured == null ? List.of() : captured;
            captured = null;
            return documents;
        }
    }
}
