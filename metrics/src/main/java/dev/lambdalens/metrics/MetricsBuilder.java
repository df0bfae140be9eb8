package dev.lambdalens.metrics;

import dev.lambdalens.metrics.model.DimensionSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures the process-wide instance of {@link MetricsFactory} in code, as Powertools for AWS Lambda (Java) v2's
 * builder of the same name does, so that migrating code only changes imports. New code can use
 * {@link LambdaMetrics#builder()} instead.
 *
 * <pre>{@code
 * Metrics metrics = MetricsBuilder.builder().withNamespace("Shop").withService("orders").build();
 * }</pre>
 */
public final class MetricsBuilder {
    private String namespace;
    private String service;
    private boolean raiseOnEmptyMetrics;
    private final Map<String, String> defaultDimensions = new LinkedHashMap<>();

    private MetricsBuilder() {
    }

    public static MetricsBuilder builder() {
        return new MetricsBuilder();
    }

    public MetricsBuilder withNamespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    /** The {@code Service} default dimension; ignored when default dimensions are given, as in Powertools. */
    public MetricsBuilder withService(String service) {
        this.service = service;
        return this;
    }

    public MetricsBuilder withRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        this.raiseOnEmptyMetrics = raiseOnEmptyMetrics;
        return this;
    }

    public MetricsBuilder withDefaultDimension(String key, String value) {
        defaultDimensions.put(key, value);
        return this;
    }

    public MetricsBuilder withDefaultDimensions(DimensionSet dimensionSet) {
        if (dimensionSet != null) {
            defaultDimensions.putAll(dimensionSet.getDimensions());
        }
        return this;
    }

    /** Applies the settings to {@link MetricsFactory#getMetricsInstance()} and returns it. */
    public Metrics build() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (namespace != null) {
            metrics.setNamespace(namespace);
        }
        metrics.setRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
        if (!defaultDimensions.isEmpty()) {
            metrics.setDefaultDimensions(DimensionSet.of(defaultDimensions));
        } else if (service != null) {
            metrics.setDefaultDimensions(DimensionSet.of("Service", service));
        }
        return metrics;
    }
}
