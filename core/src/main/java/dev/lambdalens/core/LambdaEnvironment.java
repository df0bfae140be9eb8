package dev.lambdalens.core;

import dev.lambdalens.core.spi.SettingsReader;

import java.util.Objects;

/**
 * What Lambda tells the function about its execution environment, read once from a {@link Configuration}.
 * Immutable; build one from a map in tests with {@code LambdaEnvironment.from(Configuration.of(...))}.
 */
public final class LambdaEnvironment {
    /** Powertools' name for the default service name, used when none is configured. */
    public static final String DEFAULT_SERVICE_NAME = "service_undefined";

    /** The function's name, set by Lambda. */
    public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** The function's version ({@code $LATEST} or a number), set by Lambda. */
    public static final String FUNCTION_VERSION = "AWS_LAMBDA_FUNCTION_VERSION";
    /** The function's memory in MB, set by Lambda. */
    public static final String FUNCTION_MEMORY_SIZE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    /** The region, set by Lambda. */
    public static final String REGION = "AWS_REGION";
    /** The region as older tools set it; read when {@link #REGION} is unset. */
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String LOG_GROUP_NAME = "AWS_LAMBDA_LOG_GROUP_NAME";
    public static final String LOG_STREAM_NAME = "AWS_LAMBDA_LOG_STREAM_NAME";
    /** How Lambda initialized the environment: on-demand, provisioned-concurrency, snap-start, ... */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    /** How many invocations run at once in one JVM (Lambda Managed Instances). */
    public static final String MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";
    /** Where the function's code is; set only inside Lambda (and by the local runtime). */
    public static final String TASK_ROOT = "LAMBDA_TASK_ROOT";
    /** The service name every module writes (log {@code service}, metrics {@code Service}, trace annotation). */
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";

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

    private LambdaEnvironment(SettingsReader settings) {
        Configuration config = settings.configuration();
        this.functionName = config.get(FUNCTION_NAME, null);
        this.functionVersion = config.get(FUNCTION_VERSION, null);
        this.memorySizeMb = settings.integer(FUNCTION_MEMORY_SIZE, 0, 0, Integer.MAX_VALUE);
        this.region = config.get(REGION, config.get(DEFAULT_REGION, null));
        this.logGroupName = config.get(LOG_GROUP_NAME, null);
        this.logStreamName = config.get(LOG_STREAM_NAME, null);
        this.initializationType = InitializationType.fromValue(config.get(INITIALIZATION_TYPE, null),
                settings.diagnostics());
        this.serviceName = config.get(SERVICE_NAME, DEFAULT_SERVICE_NAME);
        this.maxConcurrency = settings.integer(MAX_CONCURRENCY, 1, 1, Integer.MAX_VALUE);
        this.insideLambda = config.get(TASK_ROOT, null) != null && functionName != null;
    }

    /** Reads the environment from {@code config}; values it cannot use are reported on {@code diagnostics}. */
    public static LambdaEnvironment from(Configuration config, Diagnostics diagnostics) {
        return new LambdaEnvironment(new SettingsReader(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(diagnostics, "diagnostics")));
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
