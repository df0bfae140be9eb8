package dev.lambdalens.benchmarks.lens;

import dev.lambdalens.core.LensRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LensAnnotatedHandler} primed during init by the library itself, as a SnapStart function is before its
 * snapshot: {@link LensRuntime#prime()} is exactly what Lambda Lens's CRaC resource runs in {@code beforeCheckpoint}
 * (each module's real hot path once: a log line through the encoder and masking, an EMF document through the
 * serializer, subsegments through the {@code @Tracing} aspect into a datagram, the daemon socket opened), writing
 * and sending nothing and recording no metric. Called here because the benchmark JVM runs on demand, without a
 * snapshot. The workload's own code path is not primed, so that this variant differs from
 * {@code lens-all-annotated} only by what the library does.
 *
 * <p>The handler methods are inherited: the woven {@code handleRequest} of {@link LensAnnotatedHandler} runs.
 */
public final class LensPrimedHandler extends LensAnnotatedHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LensPrimedHandler.class);

    public LensPrimedHandler() {
        // The runtime client constructs the handler during init, before /invocation/next: this is the work a
        // SnapStart snapshot would hold.
        long startNanos = System.nanoTime();
        LensRuntime.global().prime();
        LOG.info("primed during init in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    }
}
