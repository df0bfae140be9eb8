package dev.lambdalens.tracing;

/**
 * What a traced method records as metadata of its subsegment besides its timing: its response, its error,
 * both, or neither. Named as in Powertools for AWS Lambda, so annotations move over unchanged.
 */
public enum CaptureMode {
    /**
     * As the environment says: {@code POWERTOOLS_TRACER_CAPTURE_RESPONSE} and
     * {@code POWERTOOLS_TRACER_CAPTURE_ERROR}, each recorded only when set to {@code true} (Powertools v2).
     */
    ENVIRONMENT_VAR,
    /** The response only. */
    RESPONSE,
    /** The error only. */
    ERROR,
    /** The response and the error. */
    RESPONSE_AND_ERROR,
    /** Neither: for methods that return or throw sensitive data. The subsegment still shows the failure. */
    DISABLED
}
