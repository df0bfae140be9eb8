package dev.lambdalens.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lambdalens.testing.internal.StdoutLambdaLogger;
import dev.lambdalens.testing.internal.TraceHeaders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lambda {@link Context} for unit tests of handlers, without a runtime.
 *
 * <pre>{@code
 * Context context = TestContext.builder()
 *         .functionName("orders")
 *         .xrayTraceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
 *         .build();
 * handler.handleRequest(event, context);
 * }</pre>
 *
 * <p>{@link #getRemainingTimeInMillis()} counts down to a deadline on the builder's clock, so a test can pass a
 * fixed or adjustable {@link Clock}. The logger writes each message as one line to {@code System.out}, as
 * Lambda's logger ends up in the function's log. Immutable.
 */
public final class TestContext implements Context {
    private final String awsRequestId;
    private final String functionName;
    private final String functionVersion;
    private final String invokedFunctionArn;
    private final String logGroupName;
    private final String logStreamName;
    private final int memoryLimitInMb;
    private final Instant deadline;
    private final Clock clock;
    private final String xrayTraceId;
    private final String tenantId;
    private final CognitoIdentity identity;
    private final ClientContext clientContext;
    private final LambdaLogger logger;

    private TestContext(Builder builder) {
        this.awsRequestId = builder.awsRequestId;
        this.functionName = builder.functionName;
        this.functionVersion = builder.functionVersion;
        this.invokedFunctionArn = builder.invokedFunctionArn != null ? builder.invokedFunctionArn
                : "arn:aws:lambda:" + builder.region + ":" + builder.accountId + ":function:" + builder.functionName;
        this.logGroupName = "/aws/lambda/" + builder.functionName;
        this.logStreamName = builder.logStreamName;
        this.memoryLimitInMb = builder.memoryLimitInMb;
        this.clock = builder.clock;
        this.deadline = builder.deadline != null ? builder.deadline : clock.instant().plus(builder.timeout);
        this.xrayTraceId = builder.xrayTraceId;
        this.tenantId = builder.tenantId;
        this.identity = builder.identity;
        this.clientContext = builder.clientContext;
        this.logger = builder.logger;
    }

    /** A context with fresh ids and defaults; see {@link Builder}. */
    public static TestContext create() {
        return builder().build();
    }

    /** A builder with defaults; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return identity;
    }

    @Override
    public ClientContext getClientContext() {
        return clientContext;
    }

    /** Milliseconds from the clock's now to the deadline, never negative. */
    @Override
    public int getRemainingTimeInMillis() {
        long remaining = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitInMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getXrayTraceId() {
        return xrayTraceId;
    }

    @Override
    public String getTenantId() {
        return tenantId;
    }

    /** The instant {@link #getRemainingTimeInMillis()} counts down to. */
    public Instant deadline() {
        return deadline;
    }

    /**
     * Configures a {@link TestContext}. Defaults: a random request id, function {@code test-function} version
     * {@code $LATEST} in {@code us-east-1} of account {@code 123456789012}, 512 MB, a deadline 10 s after
     * {@link #build()} on the system clock, a freshly generated sampled trace header, a stdout logger, no
     * identity, client context or tenant.
     */
    public static final class Builder {
        private String awsRequestId = UUID.randomUUID().toString();
        private String functionName = "test-function";
        private String functionVersion = "$LATEST";
        private String invokedFunctionArn;
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private String logStreamName = "2026/01/01/[$LATEST]00000000000000000000000000000000";
        private int memoryLimitInMb = 512;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(10);
        private Instant deadline;
        private String xrayTraceId = TraceHeaders.generate(Clock.systemUTC(), true);
        private String tenantId;
        private CognitoIdentity identity;
        private ClientContext clientContext;
        private LambdaLogger logger = new StdoutLambdaLogger();

        private Builder() {
        }

        /** The request id. */
        public Builder awsRequestId(String awsRequestId) {
            this.awsRequestId = Objects.requireNonNull(awsRequestId, "awsRequestId");
            return this;
        }

        /** The function name; also names the log group and, unless set, the ARN. */
        public Builder functionName(String functionName) {
            this.functionName = Objects.requireNonNull(functionName, "functionName");
            return this;
        }

        /** The function version. */
        public Builder functionVersion(String functionVersion) {
            this.functionVersion = Objects.requireNonNull(functionVersion, "functionVersion");
            return this;
        }

        /** The exact invoked function ARN, e.g. one with an alias; default built from region, account, name. */
        public Builder invokedFunctionArn(String invokedFunctionArn) {
            this.invokedFunctionArn = Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
            return this;
        }

        /** The region in the default ARN. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The account id in the default ARN. */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /** The log stream name. */
        public Builder logStreamName(String logStreamName) {
            this.logStreamName = Objects.requireNonNull(logStreamName, "logStreamName");
            return this;
        }

        /** The memory limit in MB. */
        public Builder memoryLimitInMb(int memoryLimitInMb) {
            this.memoryLimitInMb = memoryLimitInMb;
            return this;
        }

        /** The clock the remaining time is computed on; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The remaining time at {@link #build()}; ignored when {@link #deadline(Instant)} is set. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The exact deadline on the clock. */
        public Builder deadline(Instant deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /** The trace header returned by {@code getXrayTraceId()}; null for a context without one. */
        public Builder xrayTraceId(String xrayTraceId) {
            this.xrayTraceId = xrayTraceId;
            return this;
        }

        /** The tenant id returned by {@code getTenantId()}. */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** The Cognito identity. */
        public Builder identity(CognitoIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** The mobile client context. */
        public Builder clientContext(ClientContext clientContext) {
            this.clientContext = clientContext;
            return this;
        }

        /** The logger; default one line per message on {@code System.out}. */
        public Builder logger(LambdaLogger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Builds the context; the default deadline is counted from now. */
        public TestContext build() {
            return new TestContext(this);
        }
    }
}
