package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Aspects;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.MetricsInterceptor;
import dev.lambdalens.metrics.MetricsOutput;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.List;
import java.util.Map;

/**
 * Metrics' priming: a throwaway invocation through the real metrics interceptor recording a metric and metadata
 * into a sink that drops the document, the {@code @FlushMetrics} aspect's classes loaded, and one EMF document
 * with a dimension, a metric and metadata through the real serializer, into an output that drops it. Records nothing in any invocation and writes nothing.
 */
public final class MetricsPrimer implements Primer {
    @Override
    public void prime(LensRuntime runtime) {
        MetricsInterceptor[] built = new MetricsInterceptor[1];
        PrimingInvocation.run(runtime, primingRuntime -> built[0] = LambdaMetrics.builder().runtime(primingRuntime)
                .namespace("LambdaLens/Priming").build(), null, context -> {
                    built[0].metrics().addMetric("Primed", 1, MetricUnit.COUNT);
                    built[0].metrics().addMetadata("primed", Map.of("n", 1));
                    return null;
                });
        // What the aspect loads at its first join point: the annotation type and the named class of its advice.
        Aspects.initialize("dev.lambdalens.metrics.FlushMetrics");
        Aspects.initialize("dev.lambdalens.metrics.internal.FlushMetricsAspect");
        Aspects.initialize("dev.lambdalens.metrics.internal.FlushMetricsAspect$Proceed");
        MetricSeries series = new MetricSeries("Primed", MetricUnit.COUNT, MetricResolution.STANDARD);
        series.add(1);
        EmfBatch batch = new EmfBatch("LambdaLens/Priming", runtime.clock().millis(), List.of(List.of("Service")),
                Map.of("Service", runtime.environment().serviceName()), List.of(series),
                Map.of("primed", List.of(1, "a")), "00000000-0000-0000-0000-000000000000",
                "1-00000000-000000000000000000000000");
        EmfWriter.write(batch, new Discard(), runtime.diagnostics(), MaskingPolicy.of(runtime));
    }

    /** Takes each document and drops it. */
    private static final class Discard implements MetricsOutput {
        @Override
        public void write(String document) {
            // Priming writes nothing.
        }
    }
}
