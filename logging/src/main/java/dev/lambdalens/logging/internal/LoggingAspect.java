package dev.lambdalens.logging.internal;

import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.logging.LoggingInterceptor;
import dev.lambdalens.logging.LoggingSettings;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Logging} annotation, woven: a thin adapter that builds one interceptor per annotated method
 * (from the annotation, over the environment) and runs it through the core's {@link Interception}, exactly as
 * the plain-Java wrapper does.
 */
@Aspect
// With @Logging @Tracing @FlushMetrics on one handler, the order is fixed and the same in every module:
// logging outermost (it sees the outcome of the others and writes its buffer last), then the handler
// subsegment, then the metrics flush closest to the handler. Patterns, so a module alone compiles cleanly.
@DeclarePrecedence("dev.lambdalens.logging.internal.*Aspect, dev.lambdalens.tracing.internal.*Aspect, "
        + "dev.lambdalens.metrics.internal.*Aspect")
public class LoggingAspect {
    /** Keyed by join point identity; each a list of one, as the core takes it, made once, not per call. */
    private final ConcurrentHashMap<JoinPoint.StaticPart, List<LoggingInterceptor>> interceptors =
            new ConcurrentHashMap<>();

    @Around("execution(@dev.lambdalens.logging.Logging * *(..)) && @annotation(logging)")
    public Object around(ProceedingJoinPoint joinPoint, JoinPoint.StaticPart staticPart, Logging logging)
            throws Throwable {
        // No lambdas here: a lambda's class is made when its line first runs, in the first invocation, where
        // priming cannot reach; named classes are loaded by the priming (LoggingPrimer).
        List<LoggingInterceptor> interceptors = this.interceptors.get(staticPart);
        if (interceptors == null) {
            List<LoggingInterceptor> built = List.of(interceptorFor(logging,
                    joinPoint.getSignature().getDeclaringTypeName()));
            interceptors = this.interceptors.putIfAbsent(staticPart, built);
            if (interceptors == null) {
                interceptors = built;
            }
        }
        LoggingInterceptor interceptor = interceptors.get(0);
        Object[] args = joinPoint.getArgs();
        Object event = args.length > 0 ? args[0] : null;
        Object[] replaced = null;
        if (event instanceof InputStream && interceptor.logsEvent()) {
            // A stream can be read once: read it for the log line and hand the handler a fresh copy.
            byte[] bytes = ((InputStream) event).readAllBytes();
            args[0] = new ByteArrayInputStream(bytes);
            event = bytes;
            replaced = args;
        }
        return Interception.around(LensRuntime.global(), Interception.findContext(args), event,
                interceptors, new Proceed(joinPoint, replaced));
    }

    /** The woven method's own body, with the arguments replaced when {@code arguments} is not null. */
    static final class Proceed implements Interception.HandlerCall {
        private final ProceedingJoinPoint joinPoint;
        private final Object[] arguments;

        Proceed(ProceedingJoinPoint joinPoint, Object[] arguments) {
            this.joinPoint = joinPoint;
            this.arguments = arguments;
        }

        @Override
        public Object proceed() throws Throwable {
            return arguments == null ? joinPoint.proceed() : joinPoint.proceed(arguments);
        }
    }

    private static LoggingInterceptor interceptorFor(Logging logging, String handlerClass) {
        // The handler class names the logger of the event, response and error lines, as in Powertools.
        LambdaLogging.Builder builder = LambdaLogging.builder().clearState(logging.clearState())
                .loggerName(handlerClass);
        if (logging.logEvent()) {
            builder.logEvent(true);
        }
        if (logging.logResponse()) {
            builder.logResponse(true);
        }
        if (logging.logError()) {
            builder.logError(true);
        }
        if (!logging.correlationIdPath().isEmpty()) {
            builder.correlationIdPath(logging.correlationIdPath());
        }
        double rate = logging.samplingRate();
        if (rate >= 0 && rate <= 1) {
            builder.samplingRate(rate);
        } else if (rate != -1) {
            // Ignored, not clamped: a rate of 7 is a typo, and "every invocation at DEBUG" a costly guess.
            LensRuntime.global().diagnostics().reportOnce("logging:annotation-sampling-rate:" + rate,
                    "@Logging(samplingRate = " + rate + ") is not between 0 and 1; it is ignored and "
                            + LoggingSettings.SAMPLE_RATE + " (else no sampling) applies");
        }
        if (logging.bufferLogs()) {
            builder.buffering(true);
        }
        return builder.build();
    }
}
