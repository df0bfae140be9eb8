package dev.lambdalens.core;

import java.util.Objects;

/**
 * What Lambda tells the function about its execution environment, read once from a {@link Configuration}.
 * Immutable; build one from a map in tests with {@code LambdaEnvironment.from(Configuration.of(...))}.
 */
public final class LambdaEnvironment {
    /** Powertools' name for the default service name, used when none is configured. */
    public static final String DEFAULT_SERVICE_NAME = "service_undefined";

    private final String functionName;
    private final String functionVersion;
    private final int memorySizeMb;
    private final String region;
    private final String logGroupName;
    private final String logStreamName;
    private final InitializationType initializationType;
    private final String serviceName;
    private final int maxConcurrency;
    private final boolean insideLambda;

    private LambdaEnvironment(Configuration config) {
        this.functionName = config.get("AWS_LAMBDA_FUNCTION_NAME", null);
        this.functionVersion = config.get("AWS_LAMBDA_FUNCTION_VERSION", null);
        this.memorySizeMb = config.getInt("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 0);
        this.region = config.get("AWS_REGION", config.get("AWS_DEFAULT_REGION", null));
        this.logGroupName = config.get("AWS_LAMBDA_LOG_GROUP_NAME", null);
        this.logStreamName = config.get("AWS_LAMBDA_LOG_STREAM_NAME", null);
        this.initializationType = InitializationType.fromValue(config.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        this.serviceName = config.get("POWERTOOLS_SERVICE_NAME", DEFAULT_SERVICE_NAME);
        this.maxConcurrency = Math.max(1, config.getInt("AWS_LAMBDA_MAX_CONCURRENCY", 1));
        this.insideLambda = config.get("LAMBDA_TASK_ROOT", null) != null && functionName != null;
    }

    /** Reads the environment from {@code config}. */
    public static LambdaEnvironment from(Configuration config) {
        return new LambdaEnvironment(Objects.requireNonNull(config, "config"));
    }

    /** {@code AWS_LAMBDA_FUNCTION_NAME}, or {@code null} outside Lambda. */
    public String functionName() {
        return functionName;
    }

    /** {@code AWS_LAMBDA_FUNCTION_VERSION}, e.g. {@code $LATEST}, or {@code null}. */
    public String functionVersion() {
        return functionVersion;
    }

    /** {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE} in MB, or 0 when unknown. */
    public int memorySizeMb() {
        return memorySizeMb;
    }

    /** {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}), or {@code null}. */
    public String region() {
        return region;
    }

    public String logGroupName() {
        return logGroupName;
    }

    public String logStreamName() {
        return logStreamName;
    }

    public InitializationType initializationType() {
        return initializationType;
    }

    /** {@code POWERTOOLS_SERVICE_NAME}, or {@value #DEFAULT_SERVICE_NAME}. */
    public String serviceName() {
        return serviceName;
    }

    /**
     * {@code AWS_LAMBDA_MAX_CONCURRENCY}: how many invocations may run at once in this JVM (Lambda Managed
     * Instances); 1 for classic Lambda.
     */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Whether this looks like a Lambda execution environment ({@code LAMBDA_TASK_ROOT} and a function name). */
    public boolean insideLambda() {
        return insideLambda;
    }
}
