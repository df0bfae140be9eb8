package dev.lambdalens.metrics.internal;

import java.util.LinkedHashMap;

/**
 * What a metrics instance was told in code outside any invocation (Powertools' singleton setters), which each
 * new invocation starts from. Immutable snapshot; the dimensions map is never modified after creation.
 * {@code dimensions} is {@code null} while no default dimensions were set in code: the configured
 * {@code Service} is then the one default dimension, as Powertools' factory sets it.
 */
record MetricsDefaults(String namespace, LinkedHashMap<String, String> dimensions, boolean raiseOnEmptyMetrics) {
    static final MetricsDefaults NONE = new MetricsDefaults(null, null, false);

    MetricsDefaults withNamespace(String value) {
        return new MetricsDefaults(value, dimensions, raiseOnEmptyMetrics);
    }

    MetricsDefaults withDimensions(LinkedHashMap<String, String> value) {
        return new MetricsDefaults(namespace, value, raiseOnEmptyMetrics);
    }

    MetricsDefaults withRaiseOnEmptyMetrics(boolean value) {
        return new MetricsDefaults(namespace, dimensions, value);
    }
}
