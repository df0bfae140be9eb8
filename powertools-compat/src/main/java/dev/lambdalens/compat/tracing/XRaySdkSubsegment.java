package dev.lambdalens.compat.tracing;

import dev.lambdalens.tracing.TracedSubsegment;

/**
 * The subsegment a {@code TracingUtils.withSubsegment} block receives, in Powertools an X-Ray SDK
 * {@code Subsegment}: its {@code putMetadata(key, value)} writes to the namespace {@value #SDK_DEFAULT_NAMESPACE},
 * as the SDK's {@code Entity.putMetadata(key, value)} does. (Powertools' own {@code TracingUtils.putMetadata(key,
 * value)} is another call, which uses the block's namespace.)
 */
final class XRaySdkSubsegment implements TracedSubsegment {
    /** The namespace of the X-Ray SDK's {@code Entity.putMetadata(String, Object)}. */
    static final String SDK_DEFAULT_NAMESPACE = "default";

    private final TracedSubsegment delegate;

    XRaySdkSubsegment(TracedSubsegment delegate) {
        this.delegate = delegate;
    }

    @Override
    public void putAnnotation(String key, String value) {
        delegate.putAnnotation(key, value);
    }

    @Override
    public void putAnnotation(String key, Number value) {
        delegate.putAnnotation(key, value);
    }

    @Override
    public void putAnnotation(String key, boolean value) {
        delegate.putAnnotation(key, value);
    }

    @Override
    public void putMetadata(String key, Object value) {
        delegate.putMetadata(SDK_DEFAULT_NAMESPACE, key, value);
    }

    @Override
    public void putMetadata(String namespace, String key, Object value) {
        delegate.putMetadata(namespace, key, value);
    }

    @Override
    public boolean isRecording() {
        return delegate.isRecording();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String traceId() {
        return delegate.traceId();
    }
}
