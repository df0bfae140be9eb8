package dev.lambdalens.tracing.internal;

/**
 * The span current on each thread. Making a span current also makes it the X-Ray SDK's current entity when
 * SDK interop is on, so an AWS SDK call or an {@code AWSXRay.beginSubsegment} in that code nests under it, and,
 * with the OpenTelemetry backend, OpenTelemetry's current span, so OpenTelemetry instrumentation nests under it.
 */
public final class CurrentSpan {
    private static final ThreadLocal<Span> CURRENT = new ThreadLocal<>();
    /** Marks an activation that did not touch the X-Ray SDK. */
    private static final Object NO_SDK = new Object();

    private CurrentSpan() {
    }

    /** The span current on this thread, or {@code null}. */
    public static Span get() {
        return CURRENT.get();
    }

    /** Makes {@code span} current on this thread until the returned activation is closed on this thread. */
    public static Activation activate(Span span) {
        Span previous = CURRENT.get();
        CURRENT.set(span);
        Object sdkPrevious = NO_SDK;
        if (span != null && span.tracer().sdkInterop()) {
            try {
                sdkPrevious = SdkBridge.enter(span);
            } catch (RuntimeException | LinkageError e) {
                span.tracer().diagnostics().reportOnce("tracing:sdk-interop", "could not make the subsegment "
                        + "current for the X-Ray SDK; AWS SDK calls will show under the function's segment instead", e);
            }
        }
        AutoCloseable otelScope = null;
        if (span != null) {
            try {
                otelScope = span.tracer().makeCurrentForOpenTelemetry(span);
            } catch (RuntimeException | LinkageError e) {
                span.tracer().diagnostics().reportOnce("tracing:otel-current", "could not make the span current "
                        + "for OpenTelemetry; OpenTelemetry instrumentation in it shows under its parent instead", e);
            }
        }
        return new Activation(previous, sdkPrevious, otelScope);
    }

    /** Restores what was current before {@link #activate(Span)}. */
    public static final class Activation implements AutoCloseable {
        private final Span previous;
        private final Object sdkPrevious;
        private final AutoCloseable otelScope;

        private Activation(Span previous, Object sdkPrevious, AutoCloseable otelScope) {
            this.previous = previous;
            this.sdkPrevious = sdkPrevious;
            this.otelScope = otelScope;
        }

        @Override
        public void close() {
            if (otelScope != null) {
                try {
                    otelScope.close();
                } catch (Exception | LinkageError e) {
                    // Reported when entering, if at all; OpenTelemetry's scopes do not throw.
                }
            }
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            if (sdkPrevious != NO_SDK) {
                try {
                    SdkBridge.exit(sdkPrevious);
                } catch (RuntimeException | LinkageError e) {
                    // Reported when entering; nothing more to say here.
                }
            }
        }
    }
}
