package dev.lambdalens.compat.tracing;

import dev.lambdalens.tracing.TracedSubsegment;

/** A subsegment whose metadata without a namespace goes to a given one, as an X-Ray SDK subsegment's does. */
final class NamespacedSubsegment implements TracedSubsegment {
    private final TracedSubsegment delegate;
    private final String namespace;

    NamespacedSubsegment(TracedSubsegment delegate, String namespace) {
        this.delegate = delegate;
        this.namespace = namespace;
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
        delegate.putMetadata(namespace, key, value);
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
