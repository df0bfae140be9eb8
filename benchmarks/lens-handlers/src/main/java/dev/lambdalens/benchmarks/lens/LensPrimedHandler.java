package dev.lambdalens.benchmarks.lens;

import dev.lambdalens.tracing.LambdaTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LensAnnotatedHandler} primed during init, the way a SnapStart function primes before its snapshot (see
 * the examples' {@code snapstart.QuoteHandler}): {@link LambdaTracing#prime()} runs tracing's cold paths and sends
 * nothing, and one log line goes through the JSON encoder. Metrics offers no priming hook, and recording a
 * metric here would publish a fake data point, so metrics is not primed. The workload's own code path is not
 * primed either, so that this variant differs from {@code lens-all-annotated} only by what the library offers.
 *
 * <p>The handler methods are inherited: the woven {@code handleRequest} of {@link LensAnnotatedHandler} runs.
 */
public final class LensPrimedHandler extends LensAnnotatedHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LensPrimedHandler.class);

    public LensPrimedHandler() {
        // The runtime client constructs the handler during init, before /invocation/next: this is the work a
        // SnapStart snapshot would hold.
        long startNanos = System.nanoTime();
        LambdaTracing.prime();
        LOG.info("primed during init in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    }
}
