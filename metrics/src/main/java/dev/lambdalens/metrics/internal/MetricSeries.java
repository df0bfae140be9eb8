package dev.lambdalens.metrics.internal;

import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.Arrays;

/**
 * The values of one metric recorded in one invocation, in a growing primitive array (no boxing per value).
 * Not thread-safe: the owning {@link MetricsBuffer} guards it. For Lambda Lens modules only.
 */
final class MetricSeries {
    final String name;
    final MetricUnit unit;
    final MetricResolution resolution;
    private double[] values;
    private int size;

    MetricSeries(String name, MetricUnit unit, MetricResolution resolution) {
        this.name = name;
        this.unit = unit;
        this.resolution = resolution;
        this.values = new double[4];
    }

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    double get(int index) {
        return values[index];
    }

    /** A copy holding the same values, for a flush that runs outside the owner's lock. */
    MetricSeries copy() {
        MetricSeries copy = new MetricSeries(name, unit, resolution);
        copy.values = Arrays.copyOf(values, Math.max(1, size));
        copy.size = size;
        return copy;
    }
}
