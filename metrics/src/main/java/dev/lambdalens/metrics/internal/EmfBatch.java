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
 */
record EmfBatch(String namespace, long timestampMillis, List<List<String>> dimensionKeys,
                Map<String, String> dimensionValues, List<MetricSeries> metrics, Map<String, Object> metadata,
                String requestId, String traceId) {
}
