package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Aspects;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.TracingSettings;

import java.util.List;
import java.util.Map;

/**
 * Tracing's priming: a throwaway invocation through the real handler interceptor with a nested subsegment that
 * has an annotation and metadata, rendered into documents a sink drops; the {@code @Tracing} aspect class
 * initialized; the function's daemon socket opened, sending nothing. After a restore the socket is opened anew.
 */
public final class TracingPrimer implements Primer {
    @Override
    public void prime(LensRuntime runtime) {
        PrimingInvocation.run(xrayOnly(runtime), primingRuntime -> LambdaTracing.builder().runtime(primingRuntime).build(),
                null, () -> LambdaTracing.withSubsegment("## prime", subsegment -> {
                    subsegment.putAnnotation("Primed", true);
                    subsegment.putMetadata("primed", Map.of("list", List.of(1, "a")));
                    return null;
                }));
        Aspects.initialize("dev.lambdalens.tracing.internal.TracingAspect");
        primeColdPaths(Tracer.of(runtime));
    }

    /**
     * {@code runtime} with the X-Ray backend: the priming invocation's documents go to a sink that drops them,
     * whereas spans given to an OpenTelemetry SDK would be exported.
     */
    private static LensRuntime xrayOnly(LensRuntime runtime) {
        Configuration configuration = runtime.configuration();
        return LensRuntime.builder()
                .configuration(key -> TracingSettings.BACKEND.equals(key) ? "xray"
                        // As the priming invocation's runtime: no second SnapStart hook.
                        : LambdaEnvironment.INITIALIZATION_TYPE.equals(key) ? "provisioned-concurrency"
                        : configuration.get(key))
                .clock(runtime.clock())
                .diagnostics(runtime.diagnostics())
                .systemProperties(key -> null)
                .build();
    }

    @Override
    public void afterRestore(LensRuntime runtime) {
        Tracer.of(runtime).sender().daemon().reset();
    }

    /**
     * The function's own tracer's cold paths, sending nothing: a throwaway document written into this thread's
     * buffers, the daemon socket opened and, with SDK interop, the X-Ray SDK initialized. Never throws.
     */
    private static void primeColdPaths(Tracer tracer) {
        if (!tracer.enabled()) {
            return;
        }
        try {
            Span span = new Span(tracer, null, "prime", Ids.newId(), "1-00000000-000000000000000000000000",
                    Ids.newId(), tracer.serviceName(), tracer.nowMicros());
            span.putAnnotation("ColdStart", true);
            span.putMetadata("prime", Map.of("list", List.of(1, "a")));
            span.fail(new IllegalStateException("prime"), true);
            span.end(tracer.nowMicros());
            DatagramBuffer buffer = DatagramBuffer.start();
            try {
                synchronized (span.lock()) {
                    new SpanDocument(buffer.text(), Integer.MAX_VALUE, true, null).appendStandalone(span);
                }
                buffer.encode();
            } finally {
                buffer.release();
            }
            tracer.sender().daemon().prepare();
            if (tracer.sdkInterop()) {
                SdkBridge.prime(span);
            }
        } catch (RuntimeException | LinkageError e) {
            tracer.diagnostics().reportOnce("tracing:prime", "priming tracing failed; the first invocation pays "
                    + "the cold paths", e);
        }
    }
}
