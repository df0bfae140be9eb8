package dev.lambdalens.metrics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Lambda handler method ({@code handleRequest} of a {@code RequestHandler} or {@code RequestStreamHandler}):
 * writes the metrics the invocation recorded when the handler returns or throws, and shortly before the
 * invocation's deadline if it is still running then. Same name and attributes as Powertools for AWS Lambda
 * (Java) v2, so that migrating is a change of imports; needs compile-time weaving of this library's aspect.
 * {@link LambdaMetrics#builder()} gives the same behaviour without AspectJ.
 *
 * <p>Attributes left at their defaults fall back to the environment ({@code POWERTOOLS_METRICS_NAMESPACE},
 * {@code POWERTOOLS_SERVICE_NAME}, {@code POWERTOOLS_METRICS_FUNCTION_NAME},
 * {@code LAMBDA_LENS_METRICS_EVENT_SOURCE}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FlushMetrics {

    /** The CloudWatch namespace; empty for {@code POWERTOOLS_METRICS_NAMESPACE}. */
    String namespace() default "";

    /**
     * The {@code Service} dimension; empty for {@code POWERTOOLS_SERVICE_NAME}. As in Powertools v2, it replaces
     * default dimensions set in code only when they are empty, a single one, or hold {@code Service}.
     */
    String service() default "";

    /** The {@code FunctionName} dimension of the cold-start metric; empty for the function's own name. */
    String functionName() default "";

    /** Whether the cold start writes a {@code ColdStart} = 1 document. */
    boolean captureColdStart() default false;

    /**
     * Whether an invocation that records no metric is reported. Powertools throws; Lambda Lens reports it once
     * through its diagnostics instead, because observability must never fail a function.
     */
    boolean raiseOnEmptyMetrics() default false;

    /**
     * Lambda Lens only: for SQS, Kinesis, DynamoDB Streams and SNS events, writes the batch size and the age of
     * the oldest and of each record at the start of the invocation. {@code false} leaves the decision to
     * {@code LAMBDA_LENS_METRICS_EVENT_SOURCE}.
     */
    boolean eventSourceMetrics() default false;
}
