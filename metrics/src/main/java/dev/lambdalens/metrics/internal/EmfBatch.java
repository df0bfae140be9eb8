package dev.lambdalens.metrics.internal;

import java.util.List;
import java.util.Map;

/**
 * Everything one flush writes, taken from an {@link MetricsBuffer} under its lock so that the documents are
 * built and written without holding it.
 *
 * @param namespace a valid namespace
 * @param timestampMillis the documents' timestamp
 * @param dimensionKeys the dimension sets, each already extended by the default dimensions (one empty set when
 *                      there are no dimensions at all)
 * @param dimensionValues the value of every dimension named in a set
 * @param metrics the metrics with their values
 * @param metadata user metadata, possibly empty
 * @param requestId the invocation's request id, or null
 * @param traceId the invocation's X-Ray trace id, or null
 * @param w3cTraceId the W3C trace id of the span the batch was taken in, when the invocation's spans have ids of
 *                   their own (core's {@code SpanIds}, attached by tracing's OpenTelemetry backend), or null
 * @param spanId the W3C span id of that span, or null
 */
record EmfBatch(String namespace, long timestampMillis, List<List<String>> dimensionKeys,
                Map<String, String> dimensionValues, List<MetricSeries> metrics, Map<String, Object> metadata,
                String requestId, String traceId, String w3cTraceId, String spanId) {

    /** A batch without W3C ids. */
    EmfBatch(String namespace, long timestampMillis, List<List<String>> dimensionKeys,
             Map<String, String> dimensionValues, List<MetricSeries> metrics, Map<String, Object> metadata,
             String requestId, String traceId) {
        this(namespace, timestampMillis, dimensionKeys, dimensionValues, metrics, metadata, requestId, traceId,
                null, null);
    }

    /** Whether {@code name} is a root member this batch's ids take (so no metric or metadata may have it). */
    boolean idMember(String name) {
        return (requestId != null && EmfWriter.REQUEST_ID.equals(name))
                || (traceId != null && EmfWriter.TRACE_ID.equals(name))
                || (w3cTraceId != null && EmfWriter.W3C_TRACE_ID.equals(name))
                || (spanId != null && EmfWriter.SPAN_ID.equals(name));
    }
}
