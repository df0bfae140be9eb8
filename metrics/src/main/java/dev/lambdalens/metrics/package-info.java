/**
 * CloudWatch metrics in Embedded Metric Format for AWS Lambda, flushed per invocation and never lost: record with
 * {@link dev.lambdalens.metrics.MetricsFactory#getMetricsInstance()}, flush with
 * {@link dev.lambdalens.metrics.FlushMetrics} or, without AspectJ, {@link dev.lambdalens.metrics.LambdaMetrics}.
 * Names follow Powertools for AWS Lambda (Java) v2.
 */
package dev.lambdalens.metrics;
