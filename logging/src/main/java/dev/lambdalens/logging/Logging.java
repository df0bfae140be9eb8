package dev.lambdalens.logging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a Lambda handler method log structured JSON lines that carry the invocation's request id and X-Ray
 * trace id. Needs compile-time weaving with the Lambda Lens aspects (see the README); without weaving, wrap the
 * handler with {@code ObservedHandler.wrap(handler).with(LambdaLogging.interceptor())}, which does the same.
 *
 * <p>A {@code true} attribute turns an option on; {@code false} (the default) leaves it to the environment
 * variable named on the attribute, so one build can be tuned per deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Logging {

    /** Logs the incoming event (masked) at INFO; else {@code POWERTOOLS_LOGGER_LOG_EVENT}. */
    boolean logEvent() default false;

    /** Logs the handler's response (masked) at INFO; else {@code POWERTOOLS_LOGGER_LOG_RESPONSE}. */
    boolean logResponse() default false;

    /** Logs an uncaught error at ERROR before Lambda reports it; else {@code POWERTOOLS_LOGGER_LOG_ERROR}. */
    boolean logError() default false;

    /** Where the correlation id is in the event, e.g. {@link CorrelationIdPaths#API_GATEWAY_REST}; empty: none. */
    String correlationIdPath() default "";

    /**
     * The share of invocations, 0 to 1, that log at DEBUG, unless {@code POWERTOOLS_LOGGER_SAMPLE_RATE} holds a
     * usable rate: as in Powertools, the environment variable wins.
     * Negative (the default) means not set here.
     */
    double samplingRate() default -1;

    /** Also clears the handler thread's SLF4J MDC when the invocation ends (appended keys always are). */
    boolean clearState() default false;

    /**
     * Holds lines at DEBUG and below per invocation and writes them only if the invocation logs an ERROR or
     * fails; else {@code LAMBDA_LENS_LOG_BUFFER}.
     */
    boolean bufferLogs() default false;
}
