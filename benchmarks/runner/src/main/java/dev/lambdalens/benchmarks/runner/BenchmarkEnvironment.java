package dev.lambdalens.benchmarks.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every variant runs in, JMH fork or cold-start child: the variables Lambda sets plus the
 * Powertools names both libraries read, so that the same settings drive Lambda Lens and Powertools.
 */
final class BenchmarkEnvironment {
    static final String FUNCTION_NAME = "orders-benchmark";
    static final String REGION = "us-east-1";
    static final String FUNCTION_ARN = "arn:aws:lambda:" + REGION + ":123456789012:function:" + FUNCTION_NAME;
    static final int MEMORY_MB = 512;
    static final String SERVICE = "orders";
    static final String NAMESPACE = "LambdaLensBenchmarks";
    /** Logs the handler's event, in Powertools and in Lambda Lens alike. */
    static final String LOG_EVENT = "POWERTOOLS_LOGGER_LOG_EVENT";

    /** JVM options like those of Lambda's Java runtimes (and of LocalLambdaRuntime's child JVMs). */
    static final String[] LAMBDA_JVM_OPTIONS = {
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx" + (MEMORY_MB * 85 / 100) + "m"};

    private BenchmarkEnvironment() {
    }

    /** The settings both libraries read, added to what LocalLambdaRuntime sets for a cold start. */
    static Map<String, String> observabilitySettings() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POWERTOOLS_SERVICE_NAME", SERVICE);
        env.put("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE);
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        // The workload records the handler's response as metadata on both sides; Powertools v2 and Lambda Lens
        // (like it) record it only when this is set.
        env.put("POWERTOOLS_TRACER_CAPTURE_RESPONSE", "true");
        return env;
    }

    /**
     * The whole environment of a JMH host and its forks: what Lambda sets for a function with active tracing,
     * built from nothing so that variables of the build machine cannot change what the libraries do.
     */
    static Map<String, String> forJmh(Path taskRoot, String xrayDaemonAddress) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String inherited : new String[] {"PATH", "HOME", "LANG", "TMPDIR"}) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2025/01/01/[$LATEST]0123456789abcdef0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        env.put("TZ", ":UTC");
        int colon = xrayDaemonAddress.lastIndexOf(':');
        env.put("AWS_XRAY_DAEMON_ADDRESS", xrayDaemonAddress);
        env.put("_AWS_XRAY_DAEMON_ADDRESS", xrayDaemonAddress.substring(0, colon));
        env.put("_AWS_XRAY_DAEMON_PORT", xrayDaemonAddress.substring(colon + 1));
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        env.putAll(observabilitySettings());
        return env;
    }
}
