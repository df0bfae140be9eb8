package dev.lambdalens.metrics.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * {@link Metrics} over the buffer {@link #target()} returns: the invocation's for the routing instance, a fixed
 * child buffer inside {@link #flushMetrics(Consumer)}. Every method is guarded: nothing reaches the caller.
 */
abstract class BufferedMetrics implements Metrics {

    /** The buffer this call records into. */
    abstract MetricsBuffer target();

    /** Called when a value arrives at a finished buffer (a worker thread outliving its invocation). */
    abstract MetricsBuffer lateTarget();

    @Override
    public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        MetricsBuffer target = target();
        if (target.disabled()) {
            return;
        }
        if (!target.addMetric(key, value, unit, resolution)) {
            lateTarget().addMetric(key, value, unit, resolution);
        }
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
        target().addDimension(dimensionSet);
    }

    @Override
    public void addMetadata(String key, Object value) {
        target().addMetadata(key, value);
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
        MetricsBuffer target = target();
        if (dimensionSet == null) {
            target.diagnostics().reportOnce("metrics:null-default-dimensions",
                    "setDefaultDimensions(null) is ignored; use clearDefaultDimensions()");
            return;
        }
        target.reportProblems(dimensionSet);
        target.setDefaultDimensions(new LinkedHashMap<>(dimensionSet.getDimensions()));
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return target().getDefaultDimensions();
    }

    @Override
    public void setNamespace(String namespace) {
        target().setNamespace(namespace);
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        target().setRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
    }

    /** As Powertools: no default dimension at all, {@code Service} included, for the rest of the invocation. */
    @Override
    public void clearDefaultDimensions() {
        target().setDefaultDimensions(new LinkedHashMap<>());
    }

    @Override
    public void setTimestamp(Instant timestamp) {
        MetricsBuffer target = target();
        if (timestamp == null) {
            target.diagnostics().reportOnce("metrics:null-timestamp", "setTimestamp(null) is ignored");
            return;
        }
        target.setTimestamp(timestamp.toEpochMilli());
    }

    @Override
    public void flush() {
        target().flushFromCode();
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
        InvocationScope scope = InvocationScope.current();
        if (scope != null && scope.coldStart()) {
            writeColdStart(target(), dimensions);
        }
    }

    /**
     * Powertools' {@code captureColdStartMetric}: a {@code ColdStart} = 1 document of its own, with
     * {@code dimensions} instead of the default dimensions when given, once per invocation.
     */
    static void writeColdStart(MetricsBuffer target, DimensionSet dimensions) {
        if (!target.standalone().claimColdStart()) {
            return;
        }
        MetricsBuffer child = target.child();
        Fixed metrics = new Fixed(child);
        if (dimensions != null) {
            metrics.setDefaultDimensions(dimensions);
        }
        metrics.addMetric("ColdStart", 1, MetricUnit.COUNT, MetricResolution.STANDARD);
        child.flush();
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
        captureColdStartMetric(null, dimensions);
    }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
        MetricsBuffer target = target();
        if (metricsConsumer == null) {
            target.diagnostics().reportOnce("metrics:null-consumer", "flushMetrics(null) is ignored");
            return;
        }
        MetricsBuffer child = target.child();
        metricsConsumer.accept(new Fixed(child));
        child.flush();
    }

    /** As Powertools: {@code flushMetrics} with the namespace and, when given, {@code dimensions} as the defaults. */
    @Override
    public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace,
                                  DimensionSet dimensions) {
        MetricsBuffer child = target().child();
        Fixed metrics = new Fixed(child);
        if (namespace != null) {
            metrics.setNamespace(namespace);
        }
        if (dimensions != null) {
            metrics.setDefaultDimensions(dimensions);
        }
        metrics.addMetric(name, value, unit);
        child.flush();
    }

    /** Records into one given buffer. */
    static final class Fixed extends BufferedMetrics {
        private final MetricsBuffer buffer;

        Fixed(MetricsBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        MetricsBuffer target() {
            return buffer;
        }

        @Override
        MetricsBuffer lateTarget() {
            return buffer;
        }
    }
}
