package dev.lambdalens.benchmarks.runner;

import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * The Lambda contexts the hot-path benchmarks open invocations with, as the runtime client hands them out: each
 * with its own request id, all with one sampled trace header, also set in the system property the runtime
 * client uses. Made up front so that measuring allocates no context.
 */
final class HotPathInvocations {
    private static final int CONTEXTS = 1024;

    private final BenchmarkContext[] contexts = new BenchmarkContext[CONTEXTS];
    private final String traceRoot;
    private final String traceHeader;
    private int next;

    HotPathInvocations() {
        Random random = new Random(42);
        traceRoot = "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex(random, 12);
        traceHeader = "Root=" + traceRoot + ";Parent=" + hex(random, 8) + ";Sampled=1";
        for (int i = 0; i < CONTEXTS; i++) {
            contexts[i] = new BenchmarkContext(new UUID(random.nextLong(), random.nextLong()).toString(), traceHeader);
        }
    }

    /** Sets the trace header where the runtime client puts it ({@code com.amazonaws.xray.traceHeader}). */
    void setTraceHeaderProperty() {
        System.setProperty(InvocationBenchmark.TRACE_HEADER_PROPERTY, traceHeader);
    }

    BenchmarkContext next() {
        return contexts[next++ & (CONTEXTS - 1)];
    }

    String traceRoot() {
        return traceRoot;
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
