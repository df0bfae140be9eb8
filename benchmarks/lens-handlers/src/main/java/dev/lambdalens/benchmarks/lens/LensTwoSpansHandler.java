package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.tracing.Tracing;

/**
 * {@code @Tracing} alone with one nested span and no work: the handler span ({@code ## handleRequest}, with the
 * {@code ColdStart} and {@code Service} annotations and the response captured) and {@code ## loadOrder} inside
 * it. The runner's {@code OtelBenchmark} runs it on the OpenTelemetry backend against the same two spans made by
 * hand with the OpenTelemetry SDK; not a cold-start variant.
 */
public final class LensTwoSpansHandler implements RequestHandler<Object, String> {
    /** The response, the same as the runner's emission checks look for. */
    public static final String ORDER_ID = "ord-7f3a9c21";

    @Override
    @Tracing
    public String handleRequest(Object event, Context context) {
        return loadOrder();
    }

    @Tracing
    String loadOrder() {
        return ORDER_ID;
    }
}
