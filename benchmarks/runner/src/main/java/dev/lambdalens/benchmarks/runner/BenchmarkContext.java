package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context handed to handlers in the JMH benchmark, as the runtime client builds it per invocation.
 * (The testing module's {@code TestContext} is not on the JMH fork's class path.)
 */
final class BenchmarkContext implements Context {
    private final String requestId;
    private final String traceHeader;

    BenchmarkContext(String requestId, String traceHeader) {
        this.requestId = requestId;
        this.traceHeader = traceHeader;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + BenchmarkEnvironment.FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
        return "2025/01/01/[$LATEST]0123456789abcdef0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return BenchmarkEnvironment.FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return BenchmarkEnvironment.FUNCTION_ARN;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return BenchmarkEnvironment.MEMORY_MB;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }

    @Override
    public String getXrayTraceId() {
        return traceHeader;
    }
}
