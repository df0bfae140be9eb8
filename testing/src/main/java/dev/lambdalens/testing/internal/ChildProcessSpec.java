package dev.lambdalens.testing.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of a child JVM that runs the function through the real AWS Lambda runtime
 * interface client, set the way Lambda sets them.
 */
final class ChildProcessSpec {
    static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** Kept from the parent: the JVM and its tools need them, and they say nothing about Lambda. */
    private static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG", "TMPDIR");

    private ChildProcessSpec() {
    }

    /**
     * Options like those of Lambda's Java runtimes: serial GC and C1 only make a small JVM start fast, and the
     * heap is bounded by the configured memory. User options come later and win.
     */
    static List<String> command(RuntimeSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-Xmx" + Math.max(64, settings.memoryMb() * 85 / 100) + "m");
        String nativeLibrary = RuntimeClientNativeLibrary.jvmOption();
        if (nativeLibrary != null) {
            command.add(nativeLibrary);
        }
        if ("snap-start".equals(settings.initializationType())) {
            // As Lambda's Java runtime does: org.crac's API is served by the runtime client's CRaC context, which
            // runs the registered resources' beforeCheckpoint, calls /runtime/restore/next, then afterRestore.
            command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        }
        command.addAll(settings.jvmArgs());
        command.add("-cp");
        command.add(settings.classpath());
        command.add(RUNTIME_CLIENT_MAIN);
        command.add(settings.handler());
        return command;
    }

    /**
     * The child's whole environment. It starts empty rather than from the parent's, because a variable such as
     * {@code _X_AMZN_TRACE_ID} or AWS credentials leaking from the build machine would change what the
     * function does.
     */
    static Map<String, String> environment(RuntimeSettings settings, String runtimeApiAddress, Path taskRoot,
                                           String logStreamName) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : INHERITED_VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        env.put("AWS_LAMBDA_FUNCTION_NAME", settings.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(settings.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + settings.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", settings.initializationType());
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        env.put("AWS_EXECUTION_ENV", settings.executionEnv());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        env.put("_HANDLER", settings.handler());
        env.put("TZ", ":UTC");
        if (settings.maxConcurrency() > 1) {
            env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(settings.maxConcurrency()));
        }
        String daemon = settings.xrayDaemonAddress();
        if (daemon != null) {
            int colon = daemon.lastIndexOf(':');
            env.put("AWS_XRAY_DAEMON_ADDRESS", daemon);
            env.put("_AWS_XRAY_DAEMON_ADDRESS", daemon.substring(0, colon));
            env.put("_AWS_XRAY_DAEMON_PORT", daemon.substring(colon + 1));
            env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        }
        env.putAll(settings.extraEnv());
        return env;
    }
}
