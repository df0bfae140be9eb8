package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.spi.ThreadContextCarrier;

/**
 * Carries the current span with the invocation scope to other threads ({@code InvocationScope.wrap},
 * {@code InvocationScope.propagating}), so subsegments made there get the right parent.
 */
public final class SpanCarrier implements ThreadContextCarrier {
    public static final SpanCarrier INSTANCE = new SpanCarrier();

    private SpanCarrier() {
    }

    @Override
    public Object capture() {
        return CurrentSpan.get();
    }

    @Override
    public Runnable attach(Object captured) {
        CurrentSpan.Activation activation = CurrentSpan.activate((Span) captured);
        return activation::close;
    }
}
