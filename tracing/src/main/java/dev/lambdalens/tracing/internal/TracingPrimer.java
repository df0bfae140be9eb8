package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Aspects;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.tracing.LambdaTracing;

import java.util.Map;

/**
 * Tracing's priming: a throwaway invocation through the real handler interceptor with a nested subsegment that
 * has an annotation and metadata, rendered into documents a sink drops; the {@code @Tracing} aspect class
 * initialized; the function's daemon socket opened, sending nothing. After a restore the socket is opened anew.
 */
public final class TracingPrimer implements Primer {
    @Override
    public void prime(LensRuntime runtime) {
        PrimingInvocation.run(runtime, primingRuntime -> LambdaTracing.builder().runtime(primingRuntime).build(),
                null, () -> LambdaTracing.withSubsegment("## prime", subsegment -> {
                    subsegment.putAnnotation("Primed", true);
                    subsegment.putMetadata("primed", Map.of("list", java.util.List.of(1, "a")));
                    return null;
                }));
        Aspects.initialize("dev.lambdalens.tracing.internal.TracingAspect");
        Tracer.of(runtime).prime();
    }

    @Override
    public void afterRestore(LensRuntime runtime) {
        Tracer.of(runtime).afterRestore();
    }
}
