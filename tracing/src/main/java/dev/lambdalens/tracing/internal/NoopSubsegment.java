package dev.lambdalens.tracing.internal;

import dev.lambdalens.tracing.TracedSubsegment;

/** The subsegment of untraced code: records nothing. */
public final class NoopSubsegment implements TracedSubsegment {
    public static final NoopSubsegment INSTANCE = new NoopSubsegment();

    private NoopSubsegment() {
    }

    @Override
    public void putAnnotation(String key, String value) {
    }

    @Override
    public void putAnnotation(String key, Number value) {
    }

    @Override
    public void putAnnotation(String key, boolean value) {
    }

    @Override
    public void putMetadata(String key, Object value) {
    }

    @Override
    public void putMetadata(String namespace, String key, Object value) {
    }

    @Override
    public boolean isRecording() {
        return false;
    }

    @Override
    public String id() {
        return null;
    }

    @Override
    public String traceId() {
        return null;
    }
}
