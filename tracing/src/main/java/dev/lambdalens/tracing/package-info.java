/**
 * X-Ray subsegments for Lambda handlers: {@link dev.lambdalens.tracing.Tracing} on a handler or any method (woven),
 * or {@link dev.lambdalens.tracing.LambdaTracing} in plain Java (its builder makes the
 * {@link dev.lambdalens.tracing.TracingInterceptor}; {@code withSubsegment}, annotations and metadata), configured
 * by {@link dev.lambdalens.tracing.TracingSettings}.
 */
package dev.lambdalens.tracing;
