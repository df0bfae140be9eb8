package dev.lambdalens.metrics.internal;

import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents an invocation writes at once instead of buffering: {@code ColdStart}, the event-source
 * metrics, and Powertools' single metrics. Each is its own EMF document with its own dimensions; it takes the
 * invocation's namespace, identity and timestamp from its {@link MetricsBuffer} at the moment it is written,
 * and leaves what the buffer holds alone.
 */
public final class StandaloneDocuments {
    private final MetricsBuffer buffer;
    // Guarded by this.
    private boolean coldStartWritten;

    StandaloneDocuments(MetricsBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Writes a {@code ColdStart} = 1 document with Service and FunctionName dimensions, once per invocation.
     *
     * @param contextFunctionName the function name from Lambda's context, used when none is configured
     */
    public void writeColdStart(String contextFunctionName, DimensionSet extra) {
        synchronized (this) {
            if (coldStartWritten) {
                return;
            }
            coldStartWritten = true;
        }
        MetricSeries coldStart = new MetricSeries("ColdStart", MetricUnit.COUNT, MetricResolution.STANDARD);
        coldStart.add(1);
        write(List.of(coldStart), buffer.identity(contextFunctionName), extra, null);
    }

    /** Writes event-source metrics, with Service, FunctionName and EventSource dimensions. */
    void writeEventSource(String eventSource, List<MetricSeries> series) {
        LinkedHashMap<String, String> dimensions = buffer.identity(null);
        dimensions.put("EventSource", eventSource);
        write(series, dimensions, null, null);
    }

    /** Writes one metric, with the invocation's default dimensions plus {@code extra}. */
    void writeSingle(String name, double value, MetricUnit unit, String namespaceOverride, DimensionSet extra) {
        String rule = MetricRules.nameRule(name);
        if (rule == null) {
            rule = MetricRules.valueRule(value);
        }
        if (rule != null) {
            MetricRules.report(buffer.diagnostics(), "metric '" + name + "'", rule,
                    "this single metric is not written");
            return;
        }
        MetricSeries series = new MetricSeries(name, unit == null ? MetricUnit.NONE : unit, MetricResolution.STANDARD);
        series.add(value);
        LinkedHashMap<String, String> dimensions;
        synchronized (buffer) {
            dimensions = new LinkedHashMap<>(buffer.effectiveDefaults());
        }
        write(List.of(series), dimensions, extra, namespaceOverride);
    }

    private void write(List<MetricSeries> series, LinkedHashMap<String, String> dimensions, DimensionSet extra,
                       String namespaceOverride) {
        if (buffer.disabled()) {
            return;
        }
        if (extra != null) {
            buffer.reportProblems(extra);
            for (Map.Entry<String, String> entry : extra.getDimensions().entrySet()) {
                if (dimensions.size() < DimensionSet.MAX_DIMENSIONS || dimensions.containsKey(entry.getKey())) {
                    dimensions.put(entry.getKey(), entry.getValue());
                }
            }
        }
        String namespace;
        long timestamp;
        synchronized (buffer) {
            namespace = buffer.resolvedNamespace(namespaceOverride);
            timestamp = buffer.timestamp();
        }
        buffer.write(new EmfBatch(namespace, timestamp, List.of(List.copyOf(dimensions.keySet())), dimensions,
                series, Map.of(), buffer.requestId(), buffer.traceId()));
    }
}
