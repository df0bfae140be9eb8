package dev.lambdalens.tracing.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.tracing.CaptureMode;
import dev.lambdalens.tracing.Tracing;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;
import org.aspectj.lang.reflect.MethodSignature;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves {@link Tracing @Tracing}: a thin adapter over the plain-Java API. On a handler (a method with a
 * Lambda {@code Context} argument) it runs the handler interceptor through the core's {@link Interception};
 * on any other method it runs the method in a child subsegment.
 */
@Aspect
// With @Logging @Tracing @FlushMetrics on one handler, the order is fixed and the same in every module:
// logging outermost (it sees the outcome of the others and writes its buffer last), then the handler
// subsegment, then the metrics flush closest to the handler. Patterns, so a module alone compiles cleanly.
@DeclarePrecedence("dev.lambdalens.logging.internal.*Aspect, dev.lambdalens.tracing.internal.*Aspect, "
        + "dev.lambdalens.metrics.internal.*Aspect")
public final class TracingAspect {
    /** What each annotated method resolves to, worked out on its first call. */
    private final Map<JoinPoint.StaticPart, Site> sites = new ConcurrentHashMap<>();

    @Around("execution(@dev.lambdalens.tracing.Tracing * *(..)) && @annotation(tracing)")
    public Object around(ProceedingJoinPoint pjp, Tracing tracing) throws Throwable {
        Site site = sites.get(pjp.getStaticPart());
        if (site == null) {
            site = sites.computeIfAbsent(pjp.getStaticPart(), part -> new Site(part, tracing));
        }
        Object[] args = pjp.getArgs();
        Context context = Interception.findContext(args);
        if (context == null) {
            return TracedCall.run(site.name, site.namespace, site.method, site.captureMode, site.returnsValue,
                    subsegment -> pjp.proceed());
        }
        return Interception.around(LensRuntime.global(), context, args.length > 0 ? args[0] : null,
                site.handlerInterceptors, pjp::proceed);
    }

    /** One annotated method: its subsegment name, namespace, capture mode, and handler interceptor. */
    private static final class Site {
        final String name;
        final String namespace;
        final String method;
        final CaptureMode captureMode;
        final boolean returnsValue;
        final List<InvocationInterceptor> handlerInterceptors;

        Site(JoinPoint.StaticPart part, Tracing tracing) {
            this.method = part.getSignature().getName();
            this.name = tracing.segmentName().isEmpty() ? "## ".concat(method) : tracing.segmentName();
            this.namespace = tracing.namespace().isEmpty() ? null : tracing.namespace();
            this.captureMode = tracing.captureMode();
            this.returnsValue = !(part.getSignature() instanceof MethodSignature)
                    || ((MethodSignature) part.getSignature()).getReturnType() != void.class;
            this.handlerInterceptors = List.of(new HandlerSubsegmentInterceptor(name, namespace, method, captureMode,
                    returnsValue));
        }
    }
}
