package dev.lambdalens.tracing.internal.aws;

import dev.lambdalens.tracing.internal.Span;

/** One AWS SDK call being recorded: its subsegment, the trace header it sends, and how many attempts it made. */
final class AwsCall {
    final Span span;
    final String traceHeader;
    /** Written by each attempt in turn; the SDK orders attempts one after the other. */
    private volatile int attempts;

    AwsCall(Span span, String lineage) {
        this.span = span;
        StringBuilder header = new StringBuilder(lineage == null ? 80 : 120)
                .append("Root=").append(span.traceId())
                .append(";Parent=").append(span.id())
                .append(";Sampled=1");
        if (lineage != null) {
            header.append(";Lineage=").append(lineage);
        }
        this.traceHeader = header.toString();
    }

    void attempt() {
        attempts++;
    }

    /** Attempts after the first: what X-Ray shows as {@code aws.retries}. */
    int retries() {
        return Math.max(0, attempts - 1);
    }
}
