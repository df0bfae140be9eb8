package dev.lambdalens.metrics.internal;

import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents a handler wrapper writes at once instead of buffering: its {@code ColdStart} and the
 * event-source metrics (the {@code Metrics} calls that write at once go through a child buffer instead, as
 * Powertools' {@code flushMetrics} does). Each is its own EMF document with its own dimensions; it takes the
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

    /** {@code true} once per invocation: whoever gets it writes the cold-start document. */
    synchronized boolean claimColdStart() {
        boolean first = !coldStartWritten;
        coldStartWritten = true;
        return first;
    }

    /**
     * Writes the wrapper's {@code ColdStart} = 1 document, with {@code Service} and {@code FunctionName}
     * dimensions, once per invocation.
     *
     * @param contextFunctionName the function name from Lambda's context, used when none is configured
     */
    public void writeColdStart(String contextFunctionName) {
        if (!claimColdStart()) {
            return;
        }
        MetricSeries coldStart = new MetricSeries("ColdStart", MetricUnit.COUNT, MetricResolution.STANDARD);
        coldStart.add(1);
        write(List.of(coldStart), buffer.coldStartIdentity(contextFunctionName));
    }

    /** Writes event-source metrics, with Service, FunctionName and EventSource dimensions. */
    void writeEventSource(String eventSource, List<MetricSeries> series) {
        LinkedHashMap<String, String> dimensions = buffer.identity(null);
        dimensions.put("EventSource", eventSource);
        write(series, dimensions);
    }

    private void write(List<MetricSeries> series, LinkedHashMap<String, String> dimensions) {
        if (buffer.disabled()) {
            return;
        }
        String namespace;
        long timestamp;
        synchronized (buffer) {
            namespace = buffer.resolvedNamespace(null);
            timestamp = buffer.timestamp();
        }
        buffer.write(buffer.batch(namespace, timestamp, List.of(List.copyOf(dimensions.keySet())), dimensions,
                series, Map.of()));
    }
}
