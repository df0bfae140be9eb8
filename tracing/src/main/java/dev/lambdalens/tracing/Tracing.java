package dev.lambdalens.tracing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records the annotated method as an X-Ray subsegment, closed when it returns or throws; nested calls of
 * annotated methods nest. Needs the Lambda Lens aspect woven in (see the README); without AspectJ use
 * {@link LambdaTracing} for the same result.
 *
 * <p>On a handler method (one taking a Lambda {@code Context}) the subsegment is the invocation's root
 * subsegment, named {@code ## methodName}, with the annotations {@code ColdStart} and {@code Service}. On any
 * other method it is a child of the current subsegment, also named {@code ## methodName}.
 *
 * <p>{@code POWERTOOLS_TRACE_DISABLED=true} turns all of it off.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tracing {

    /** The subsegment name; {@code ## methodName} when empty. */
    String segmentName() default "";

    /**
     * The metadata namespace of the subsegment: the captured response and error, and
     * {@code LambdaTracing.putMetadata(key, value)} inside the method, go under it, and a handler's {@code Service}
     * annotation is it (as Powertools); the service name ({@code POWERTOOLS_SERVICE_NAME}) when empty.
     */
    String namespace() default "";

    /** Whether the response and the error are recorded as metadata. */
    CaptureMode captureMode() default CaptureMode.ENVIRONMENT_VAR;
}
