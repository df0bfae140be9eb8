package dev.lambdalens.tracing.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;
import dev.lambdalens.tracing.TracingSettings;

import java.util.List;
import java.util.Map;

/**
 * Tracing's priming: a throwaway invocation through the real handler interceptor, inside which a {@code @Tracing}
 * handler and a {@code @Tracing} method run through the real aspect and a nested subsegment with an annotation,
 * metadata and a captured bean response is rendered, into documents a sink drops; then the function's own
 * tracer's cold paths, and its daemon socket opened, sending nothing. After a restore the socket is opened anew.
 */
public final class TracingPrimer implements Primer {
    @Override
    public void prime(LensRuntime runtime) {
        PrimingInvocation.run(xrayOnly(runtime), primingRuntime -> LambdaTracing.builder().runtime(primingRuntime).build(),
                null, context -> annotatedHandler(null, context));
        primeColdPaths(Tracer.of(runtime));
    }

    /**
     * Woven by {@code @Tracing} like a function's handler, and called inside the priming invocation with its
     * context: the aspect joins that invocation (same request id) instead of starting one in the function's
     * runtime, so the classes of its first join point are loaded here, while everything it records goes to the
     * priming runtime's discarding sink.
     */
    @Tracing(segmentName = "## prime handler")
    private static PrimedResponse annotatedHandler(Object event, Context context) {
        return annotatedMethod();
    }

    /** Woven by {@code @Tracing} like any traced method of a function: a child subsegment. */
    @Tracing(segmentName = "## prime method")
    private static PrimedResponse annotatedMethod() {
        return LambdaTracing.withSubsegment("## prime", subsegment -> {
            subsegment.putAnnotation("Primed", true);
            subsegment.putMetadata("primed", Map.of("list", List.of(1, "a")));
            return new PrimedResponse();
        });
    }

    /** A response bean, captured as a handler's typed response is (through the bean writer). Public for it. */
    public static final class PrimedResponse {
        public int getStatusCode() {
            return 200;
        }

        public String getBody() {
            return "primed";
        }
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
                    new SpanDocument(buffer.text(), SpanDocument.Limits.WHOLE, null).appendStandalone(span);
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
