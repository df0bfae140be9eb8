package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.internal.JsonText;
import dev.lambdalens.core.internal.JsonValueWriter;
import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.core.internal.TextBuffer;
import dev.lambdalens.metrics.MetricsOutput;
import dev.lambdalens.metrics.model.MetricResolution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serializes an {@link EmfBatch} into CloudWatch Embedded Metric Format documents, one JSON line each, split so
 * that every document respects the specification's limits: at most 100 metric definitions per directive, at
 * most 100 values per metric, at most 1 MB per line. Nothing is dropped by splitting: a metric with 250 values
 * appears in three documents, 150 metrics in two.
 *
 * <p>Each document is built in a per-thread reusable buffer and handed to the output as one string.
 */
public final class EmfWriter {
    static final int MAX_METRICS_PER_DOCUMENT = 100;
    static final int MAX_VALUES_PER_METRIC = 100;
    /** Below CloudWatch Logs' 1 MB event limit, with room for what Lambda adds to a line. */
    static final int MAX_DOCUMENT_BYTES = 1_000_000;
    static final String REQUEST_ID = "function_request_id";
    static final String TRACE_ID = "xray_trace_id";
    static final String W3C_TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private static final ThreadLocal<TextBuffer> BUFFERS = TextBuffer.newSlot();

    private EmfWriter() {
    }

    /**
     * The writer of user metadata values: the one JSON value writer of every module (beans through their getters,
     * as in X-Ray metadata), bounded to 8 levels and 1000 items per container. Made only for documents that carry
     * metadata.
     */
    private static JsonValueWriter metadataWriter(Diagnostics diagnostics, MaskingPolicy masking) {
        return JsonValueWriter.builder(diagnostics, "metrics:metadata", "an EMF metadata value").maxDepth(8)
                .maxElements(1000).masking(masking).build();
    }

    /** Writes {@code batch} to {@code output}; returns how many documents were written. Never throws. */
    static int write(EmfBatch batch, MetricsOutput output, Diagnostics diagnostics, MaskingPolicy masking) {
        if (batch.metrics().isEmpty()) {
            return 0;
        }
        List<MetricSeries> metrics = publishable(batch, diagnostics);
        Map<String, Object> metadata = metadataWithoutCollisions(batch, metrics, diagnostics);
        int maxValues = 0;
        for (MetricSeries series : metrics) {
            maxValues = Math.max(maxValues, series.size());
        }
        TextBuffer buffer = TextBuffer.acquire(BUFFERS, 1024);
        StringBuilder out = buffer.text();
        JsonValueWriter values = metadata.isEmpty() ? null : metadataWriter(diagnostics, masking);
        int documents = 0;
        List<MetricSeries> chunk = new ArrayList<>(Math.min(metrics.size(), MAX_METRICS_PER_DOCUMENT));
        // Round r carries values [100r, 100r+100) of every metric that has that many.
        for (int from = 0; from < maxValues; from += MAX_VALUES_PER_METRIC) {
            for (MetricSeries series : metrics) {
                if (series.size() > from) {
                    chunk.add(series);
                    if (chunk.size() == MAX_METRICS_PER_DOCUMENT) {
                        documents += emit(out, batch, chunk, from, metadata, values, output, diagnostics);
                        chunk.clear();
                    }
                }
            }
            if (!chunk.isEmpty()) {
                documents += emit(out, batch, chunk, from, metadata, values, output, diagnostics);
                chunk.clear();
            }
        }
        buffer.release(BUFFERS, RETAINED_CAPACITY);
        return documents;
    }

    private static int emit(StringBuilder out, EmfBatch batch, List<MetricSeries> chunk, int from,
                            Map<String, Object> metadata, JsonValueWriter values, MetricsOutput output,
                            Diagnostics diagnostics) {
        out.setLength(0);
        appendDocument(out, batch, chunk, from, metadata, values);
        if (!metadata.isEmpty() && utf8Length(out) > MAX_DOCUMENT_BYTES) {
            diagnostics.reportOnce("metrics:document-size",
                    "an EMF document with its metadata is over " + MAX_DOCUMENT_BYTES + " bytes, more than "
                            + "CloudWatch Logs takes in one line; it was written without the user metadata");
            out.setLength(0);
            appendDocument(out, batch, chunk, from, Map.of(), null);
        }
        try {
            if (output == StandardOutput.INSTANCE) {
                StandardOutput.INSTANCE.writeDocument(out);
            } else {
                output.write(out.toString());
            }
            return 1;
        } catch (RuntimeException e) {
            diagnostics.reportOnce("metrics:output:" + output.getClass().getName(),
                    "writing an EMF document failed; later documents are still attempted", e);
            return 0;
        }
    }

    private static void appendDocument(StringBuilder out, EmfBatch batch, List<MetricSeries> chunk, int from,
                                       Map<String, Object> metadata, JsonValueWriter values) {
        out.append("{\"_aws\":{\"Timestamp\":").append(batch.timestampMillis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonText.appendQuoted(out, batch.namespace());
        out.append(",\"Dimensions\":[");
        List<List<String>> sets = batch.dimensionKeys();
        for (int s = 0; s < sets.size(); s++) {
            if (s > 0) {
                out.append(',');
            }
            out.append('[');
            List<String> keys = sets.get(s);
            for (int k = 0; k < keys.size(); k++) {
                if (k > 0) {
                    out.append(',');
                }
                JsonText.appendQuoted(out, keys.get(k));
            }
            out.append(']');
        }
        out.append("],\"Metrics\":[");
        for (int m = 0; m < chunk.size(); m++) {
            MetricSeries series = chunk.get(m);
            if (m > 0) {
                out.append(',');
            }
            out.append("{\"Name\":");
            JsonText.appendQuoted(out, series.name);
            out.append(",\"Unit\":\"").append(series.unit.getName()).append('"');
            if (series.resolution == MetricResolution.HIGH) {
                out.append(",\"StorageResolution\":1");
            }
            out.append('}');
        }
        out.append("]}]}");
        for (Map.Entry<String, String> dimension : batch.dimensionValues().entrySet()) {
            out.append(',');
            JsonText.appendQuoted(out, dimension.getKey());
            out.append(':');
            JsonText.appendQuoted(out, dimension.getValue());
        }
        for (MetricSeries series : chunk) {
            out.append(',');
            JsonText.appendQuoted(out, series.name);
            out.append(':');
            int to = Math.min(series.size(), from + MAX_VALUES_PER_METRIC);
            if (to - from == 1 && series.size() == 1) {
                appendNumber(out, series.get(from));
            } else {
                out.append('[');
                for (int i = from; i < to; i++) {
                    if (i > from) {
                        out.append(',');
                    }
                    appendNumber(out, series.get(i));
                }
                out.append(']');
            }
        }
        if (batch.requestId() != null) {
            out.append(",\"" + REQUEST_ID + "\":");
            JsonText.appendQuoted(out, batch.requestId());
        }
        if (batch.traceId() != null) {
            out.append(",\"" + TRACE_ID + "\":");
            JsonText.appendQuoted(out, batch.traceId());
        }
        if (batch.w3cTraceId() != null) {
            out.append(",\"" + W3C_TRACE_ID + "\":");
            JsonText.appendQuoted(out, batch.w3cTraceId());
        }
        if (batch.spanId() != null) {
            out.append(",\"" + SPAN_ID + "\":");
            JsonText.appendQuoted(out, batch.spanId());
        }
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            out.append(',');
            JsonText.appendQuoted(out, entry.getKey());
            out.append(':');
            values.writeMember(out, entry.getKey(), entry.getValue());
        }
        out.append('}');
    }

    /** Appends a finite double as a JSON number: integral values without a fraction, others as Java prints them. */
    static void appendNumber(StringBuilder out, double value) {
        long integral = (long) value;
        if (integral == value && integral > -1_000_000_000_000_000L && integral < 1_000_000_000_000_000L) {
            out.append(integral);
        } else {
            // Double.toString writes e.g. 1.0E-5: a valid JSON number.
            out.append(value);
        }
    }

    /** Metrics whose name is not also a dimension (both would be one root member). */
    private static List<MetricSeries> publishable(EmfBatch batch, Diagnostics diagnostics) {
        Map<String, String> dimensions = batch.dimensionValues();
        List<MetricSeries> result = null;
        List<MetricSeries> all = batch.metrics();
        for (int i = 0; i < all.size(); i++) {
            MetricSeries series = all.get(i);
            boolean clash = dimensions.containsKey(series.name) || batch.idMember(series.name);
            if (clash) {
                MetricRules.report(diagnostics, "metric '" + series.name + "'",
                        "its name is also a dimension or reserved member name, and EMF keeps both as one root member",
                        "this metric is left out, the others are written");
                if (result == null) {
                    result = new ArrayList<>(all.subList(0, i));
                }
            } else if (result != null) {
                result.add(series);
            }
        }
        return result == null ? all : result;
    }

    private static Map<String, Object> metadataWithoutCollisions(EmfBatch batch, List<MetricSeries> metrics,
                                                                 Diagnostics diagnostics) {
        Map<String, Object> metadata = batch.metadata();
        if (metadata.isEmpty()) {
            return metadata;
        }
        Set<String> taken = new HashSet<>(batch.dimensionValues().keySet());
        for (MetricSeries series : metrics) {
            taken.add(series.name);
        }
        Map<String, Object> result = new LinkedHashMap<>(metadata);
        result.keySet().removeIf(key -> {
            if (taken.contains(key) || batch.idMember(key)) {
                MetricRules.report(diagnostics, "metadata '" + key + "'",
                        "its key is also a metric, dimension or reserved member name",
                        "this metadata entry is left out of the document");
                return true;
            }
            return false;
        });
        return result;
    }

    private static int utf8Length(CharSequence text) {
        int length = text.length();
        if (length * 3L <= MAX_DOCUMENT_BYTES) {
            return length;
        }
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
