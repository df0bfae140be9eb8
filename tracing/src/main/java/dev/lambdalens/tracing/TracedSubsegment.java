package dev.lambdalens.tracing;

/**
 * The subsegment a piece of code runs in, as handed to {@link LambdaTracing#withSubsegment(String,
 * java.util.function.Function)}. When nothing is traced (not sampled, tracing disabled, outside an invocation)
 * it is a no-op that records nothing and costs nothing. Never throws: invalid keys and values are reported once
 * on standard error and dropped.
 */
public interface TracedSubsegment {

    /**
     * Adds an annotation, indexed by X-Ray for filter expressions. Keys are made of {@code A-Za-z0-9_}; at
     * most 50 annotations per subsegment.
     */
    void putAnnotation(String key, String value);

    /** Adds a numeric annotation; NaN and infinities are rejected. */
    void putAnnotation(String key, Number value);

    /** Adds a boolean annotation. */
    void putAnnotation(String key, boolean value);

    /** Adds metadata under the default namespace (the service name). Not indexed; any JSON-able value. */
    void putMetadata(String key, Object value);

    /** Adds metadata under {@code namespace} (which must not start with {@code AWS.}). */
    void putMetadata(String namespace, String key, Object value);

    /** Whether this subsegment is recorded and will be sent to X-Ray. */
    boolean isRecording();

    /** The subsegment id (16 hex digits), or {@code null} when not recording. */
    String id();

    /** The X-Ray trace id it belongs to, or {@code null} when not recording. */
    String traceId();
}
