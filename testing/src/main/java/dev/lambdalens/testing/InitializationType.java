package dev.lambdalens.testing;

/** The value of {@code AWS_LAMBDA_INITIALIZATION_TYPE} that Lambda gives an execution environment. */
public enum InitializationType {
    /** A cold start caused by an invocation; Lambda's default. */
    ON_DEMAND("on-demand"),
    /** An environment prepared ahead of invocations by provisioned concurrency. */
    PROVISIONED_CONCURRENCY("provisioned-concurrency"),
    /**
     * A SnapStart environment. The runtime client then also calls {@code /runtime/restore/next}, which the local
     * runtime answers at once: there is no snapshot locally, only the code path that depends on this value.
     */
    SNAP_START("snap-start");

    private final String value;

    InitializationType(String value) {
        this.value = value;
    }

    /** The exact text Lambda puts in the environment variable. */
    public String value() {
        return value;
    }
}
