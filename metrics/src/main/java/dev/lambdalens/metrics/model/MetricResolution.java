package dev.lambdalens.metrics.model;

/** How finely CloudWatch stores a metric: the EMF {@code StorageResolution} in seconds. */
public enum MetricResolution {
    /** One-minute resolution (60), CloudWatch's default; not written to the document. */
    STANDARD(60),
    /** One-second resolution (1), billed as a high-resolution metric. */
    HIGH(1);

    private final int seconds;

    MetricResolution(int seconds) {
        this.seconds = seconds;
    }

    /** The {@code StorageResolution} value: 60 or 1. */
    public int getResolution() {
        return seconds;
    }
}
