package dev.lambdalens.tracing.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.Interception;
import dev.lambdalens.core.InvocationInterceptor;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.tracing.Tracing;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves {@link Tracing @Tracing}: a thin adapter over the plain-Java API. On a handler (a method with a
 * Lambda {@code Context} argument) it runs the handler interceptor through the core's {@link Interception};
 * on any other method it runs the method in a child subsegment.
 */
@Aspect
public final class TracingAspect {
    /** One interceptor per annotated handler method, made on its first call. */
    private final Map<JoinPoint.StaticPart, List<InvocationInterceptor>> handlers = new ConcurrentHashMap<>();

    @Around("execution(@dev.lambdalens.tracing.Tracing * *(..)) && @annotation(tracing)")
    public Object around(ProceedingJoinPoint pjp, Tracing tracing) throws Throwable {
        Object[] args = pjp.getArgs();
        Context context = Interception.findContext(args);
        String method = pjp.getSignature().getName();
        String name = tracing.segmentName().isEmpty() ? "## " + method : tracing.segmentName();
        String namespace = tracing.namespace().isEmpty() ? null : tracing.namespace();
        if (context == null) {
            return TracedCall.run(name, namespace, method, tracing.captureMode(), true, subsegment -> pjp.proceed());
        }
        List<InvocationInterceptor> interceptors = handlers.computeIfAbsent(pjp.getStaticPart(),
                part -> List.of(new HandlerSubsegmentInterceptor(name, namespace, method, tracing.captureMode())));
        return Interception.around(LensRuntime.global(), context, args.length > 0 ? args[0] : null, interceptors,
                pjp::proceed);
    }
}
