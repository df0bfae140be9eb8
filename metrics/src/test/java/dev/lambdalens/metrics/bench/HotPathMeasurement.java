package dev.lambdalens.metrics.bench;

import com.sun.management.ThreadMXBean;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.Interception;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.testing.TestContext;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * A rough measurement of the per-metric and per-invocation cost, with allocation counted by the JVM (not a JMH
 * benchmark: run it with {@code java -cp <test class path> dev.lambdalens.metrics.bench.HotPathMeasurement}).
 * Each invocation records 10 values of 5 metrics and flushes one document to an output that only counts bytes.
 */
public final class HotPathMeasurement {
    private static long bytesWritten;

    public static void main(String[] args) throws Throwable {
        LensRuntime runtime = LensRuntime.builder().configuration(Configuration.of(Map.of()))
                .diagnostics(new Diagnostics(line -> { })).systemProperties(key -> null).build();
        LambdaMetrics interceptor = LambdaMetrics.builder().runtime(runtime).namespace("Bench")
                .output(document -> bytesWritten += document.length()).build();
        Metrics metrics = interceptor.metrics();
        TestContext context = TestContext.builder().awsRequestId("bench").build();
        List<LambdaMetrics> interceptors = List.of(interceptor);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        for (int round = 0; round < 5; round++) {
            int invocations = 100_000;
            long allocatedBefore = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            for (int i = 0; i < invocations; i++) {
                Interception.around(runtime, context, null, interceptors, () -> {
                    for (int v = 0; v < 10; v++) {
                        metrics.addMetric("Latency", v, MetricUnit.MILLISECONDS);
                        metrics.addMetric("Bytes", v * 100, MetricUnit.BYTES);
                        metrics.addMetric("Items", v, MetricUnit.COUNT);
                        metrics.addMetric("Retries", 0, MetricUnit.COUNT);
                        metrics.addMetric("Ratio", v / 10.0, MetricUnit.PERCENT);
                    }
                    return null;
                });
            }
            long nanos = System.nanoTime() - start;
            long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
            System.out.printf("round %d: %.2f us per invocation (50 values + 1 document), %d bytes allocated per "
                    + "invocation%n", round, nanos / 1000.0 / invocations, allocated / invocations);
        }

        // Only recording: one long invocation, so no flush is measured.
        Interception.around(runtime, context, null, interceptors, () -> {
            for (int round = 0; round < 3; round++) {
                int values = 2_000_000;
                long allocatedBefore = threads.getThreadAllocatedBytes(thread);
                long start = System.nanoTime();
                for (int i = 0; i < values; i++) {
                    metrics.addMetric("Latency", i, MetricUnit.MILLISECONDS);
                }
                long nanos = System.nanoTime() - start;
                long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
                System.out.printf("addMetric: %.1f ns per value, %.1f bytes allocated per value (array growth)%n",
                        (double) nanos / values, (double) allocated / values);
            }
            return null;
        });
        System.out.println("bytes written: " + bytesWritten);
    }
}
