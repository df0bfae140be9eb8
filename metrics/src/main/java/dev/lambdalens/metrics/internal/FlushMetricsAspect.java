package dev.lambdalens.metrics.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.MetricsInterceptor;
import dev.lambdalens.metrics.MetricsFactory;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FlushMetrics} aspect: a thin adapter that builds one {@link LambdaMetrics} per annotated method,
 * paired with {@link MetricsFactory#getMetricsInstance()}, and runs the handler through the core's
 * {@link Interception}.
 */
@Aspect
// With @Logging @Tracing @FlushMetrics on one handler, the order is fixed and the same in every module:
// logging outermost (it sees the outcome of the others and writes its buffer last), then the handler
// subsegment, then the metrics flush closest to the handler. Patterns, so a module alone compiles cleanly.
@DeclarePrecedence("dev.lambdalens.logging.internal.*Aspect, dev.lambdalens.tracing.internal.*Aspect, "
        + "dev.lambdalens.metrics.internal.*Aspect")
public final class FlushMetricsAspect {
    /** Keyed by join point identity: no annotation hashing, no reflection per call. */
    private final ConcurrentHashMap<JoinPoint.StaticPart, List<MetricsInterceptor>> interceptors =
            new ConcurrentHashMap<>();

    @Around("execution(@dev.lambdalens.metrics.FlushMetrics * *(..)) && @annotation(flushMetrics)")
    public Object around(ProceedingJoinPoint joinPoint, JoinPoint.StaticPart staticPart, FlushMetrics flushMetrics)
            throws Throwable {
        // No lambdas here: a lambda's class is made when its line first runs, in the first invocation, where
        // priming cannot reach; the named class is loaded by the priming (MetricsPrimer).
        List<MetricsInterceptor> interceptor = interceptors.get(staticPart);
        if (interceptor == null) {
            List<MetricsInterceptor> built = List.of(fromAnnotation(flushMetrics));
            interceptor = interceptors.putIfAbsent(staticPart, built);
            if (interceptor == null) {
                interceptor = built;
            }
        }
        Object[] arguments = joinPoint.getArgs();
        Context context = Interception.findContext(arguments);
        Object event = arguments.length > 0 ? arguments[0] : null;
        return Interception.around(LensRuntime.global(), context, event, interceptor, new Proceed(joinPoint));
    }

    /** The woven method's own body. */
    static final class Proceed implements Interception.HandlerCall {
        private final ProceedingJoinPoint joinPoint;

        Proceed(ProceedingJoinPoint joinPoint) {
            this.joinPoint = joinPoint;
        }

        @Override
        public Object proceed() throws Throwable {
            return joinPoint.proceed();
        }
    }

    private static MetricsInterceptor fromAnnotation(FlushMetrics annotation) {
        return LambdaMetrics.builder()
                .metrics(MetricsFactory.getMetricsInstance())
                .namespace(annotation.namespace())
                .service(annotation.service())
                .functionName(annotation.functionName())
                .captureColdStart(annotation.captureColdStart())
                .raiseOnEmptyMetrics(annotation.raiseOnEmptyMetrics())
                .eventSourceMetrics(annotation.eventSourceMetrics())
                .build();
    }
}
