package dev.lambdalens.tracing;

import dev.lambdalens.tracing.internal.aws.AwsCallInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * AWS SDK for Java v2 calls as subsegments, recorded by Lambda Lens without the X-Ray SDK.
 *
 * <p>Nothing to do in most functions: with the AWS SDK on the class path, the SDK finds Lambda Lens's
 * interceptor (through {@code software/amazon/awssdk/global/handlers/execution.interceptors}) and adds it to
 * every client it builds. {@link #interceptor()} is for a client built where that discovery does not reach,
 * such as a class loader that does not see this library's resources:
 *
 * <pre>{@code
 * DynamoDbClient dynamo = DynamoDbClient.builder()
 *         .overrideConfiguration(c -> c.addExecutionInterceptor(AwsSdkTracing.interceptor()))
 *         .build();
 * }</pre>
 *
 * A client that has it twice (by hand and discovered) records each call once.
 */
public final class AwsSdkTracing {
    private static final ExecutionInterceptor INTERCEPTOR = new AwsCallInterceptor();

    private AwsSdkTracing() {
    }

    /** The interceptor that records a client's calls; stateless, one for every client. */
    public static ExecutionInterceptor interceptor() {
        return INTERCEPTOR;
    }
}
