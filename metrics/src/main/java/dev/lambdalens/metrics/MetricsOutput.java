package dev.lambdalens.metrics;

import dev.lambdalens.metrics.internal.StandardOutput;

/**
 * Where EMF documents go: standard output in Lambda (CloudWatch Logs extracts the metrics from it); a list or a
 * counter in tests and benchmarks.
 */
@FunctionalInterface
public interface MetricsOutput {

    /** Writes one complete EMF document, given without line terminator. Called from any thread. */
    void write(String document);

    /**
     * Standard output as it is when each document is written (the Lambda runtime client may replace it): each
     * document and its newline go in ONE write of UTF-8 bytes, so no other output can split it.
     */
    static MetricsOutput standardOutput() {
        return StandardOutput.INSTANCE;
    }
}
