package dev.lambdalens.metrics;

/**
 * The process-wide {@link Metrics} instance, as in Powertools for AWS Lambda (Java) v2. It writes to standard
 * output and routes every call to the invocation current on the calling thread; the {@link FlushMetrics}
 * aspect and {@link LambdaMetrics#interceptor()} flush what it recorded.
 */
public final class MetricsFactory {
    private MetricsFactory() {
    }

    /** The process-wide instance; the same object on every call. */
    public static Metrics getMetricsInstance() {
        return MetricsInterceptor.global().metrics();
    }
}
