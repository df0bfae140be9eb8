/**
 * Implementation of Lambda Lens metrics: the EMF serializer, per-invocation buffers, the {@code @FlushMetrics}
 * aspect and the event-source readers. For Lambda Lens modules only: not a public API, it may change without
 * notice.
 */
package dev.lambdalens.metrics.internal;
