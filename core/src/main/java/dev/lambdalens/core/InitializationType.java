package dev.lambdalens.core;

/**
 * How Lambda initialized this execution environment ({@code AWS_LAMBDA_INITIALIZATION_TYPE}).
 * Only an on-demand environment has a cold start that a caller waited for.
 */
public enum InitializationType {
    ON_DEMAND("on-demand"),
    PROVISIONED_CONCURRENCY("provisioned-concurrency"),
    SNAP_START("snap-start"),
    LAMBDA_MANAGED_INSTANCES("lambda-managed-instances");

    private final String value;

    InitializationType(String value) {
        this.value = value;
    }

    /** The value as Lambda writes it in {@code AWS_LAMBDA_INITIALIZATION_TYPE}. */
    public String value() {
        return value;
    }

    /**
     * Parses Lambda's value. Unset means on-demand (that is also what a local run is); an unknown value is
     * reported once and treated as on-demand, the most common case.
     */
    public static InitializationType fromValue(String value, Diagnostics diagnostics) {
        if (value == null || value.isBlank()) {
            return ON_DEMAND;
        }
        for (InitializationType type : values()) {
            if (type.value.equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        diagnostics.reportOnce("init-type",
                "AWS_LAMBDA_INITIALIZATION_TYPE=" + Diagnostics.shorten(value)
                        + " is not known to Lambda Lens; treating it as on-demand");
        return ON_DEMAND;
    }
}
