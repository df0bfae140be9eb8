/**
 * Powertools' {@code TracingUtils} over {@link dev.lambdalens.tracing.LambdaTracing}.
 */
package dev.lambdalens.compat.tracing;
