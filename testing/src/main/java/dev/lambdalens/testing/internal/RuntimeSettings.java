package dev.lambdalens.testing.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration of a local runtime, fixed when it is built.
 *
 * @param handler the handler string, e.g. {@code com.x.Handler::handleRequest}
 * @param functionName the function name
 * @param memoryMb the configured memory in MB
 * @param timeout the invocation timeout
 * @param initTimeout how long the child may take to ask for its first invocation
 * @param region the AWS region
 * @param accountId the 12-digit account id used in the function ARN
 * @param initializationType the value of {@code AWS_LAMBDA_INITIALIZATION_TYPE}
 * @param maxConcurrency invocations one child runs at once; above 1 sets {@code AWS_LAMBDA_MAX_CONCURRENCY}
 * @param xrayDaemonAddress {@code host:port} of the X-Ray daemon, or null for none
 * @param sampled the default {@code Sampled} flag of generated trace headers
 * @param executionEnv the value of {@code AWS_EXECUTION_ENV}
 * @param extraEnv environment variables added last, overriding the Lambda ones
 * @param jvmArgs JVM options added after the Lambda-like defaults
 * @param javaExecutable the java launcher of the child
 * @param classpath the child's class path
 * @param taskRoot the child's working directory and {@code LAMBDA_TASK_ROOT}, or null for a temporary one
 */
public record RuntimeSettings(
        String handler,
        String functionName,
        int memoryMb,
        Duration timeout,
        Duration initTimeout,
        String region,
        String accountId,
        String initializationType,
        int maxConcurrency,
        String xrayDaemonAddress,
        boolean sampled,
        String executionEnv,
        Map<String, String> extraEnv,
        List<String> jvmArgs,
        Path javaExecutable,
        String classpath,
        Path taskRoot) {

    /** The ARN Lambda passes as {@code Lambda-Runtime-Invoked-Function-Arn}. */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }
}
