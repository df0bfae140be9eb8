package dev.lambdalens.testing;

import dev.lambdalens.core.InitializationType;
import dev.lambdalens.testing.internal.ExecutionEnvironment;
import dev.lambdalens.testing.internal.PendingInvocation;
import dev.lambdalens.testing.internal.RuntimeSettings;
import dev.lambdalens.testing.internal.TestClasspath;
import dev.lambdalens.testing.internal.TraceHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a Lambda handler locally, in a child JVM, through the real AWS Lambda runtime interface client, against
 * a Runtime API server on 127.0.0.1 that plays the Lambda service.
 *
 * <pre>{@code
 * try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
 *         .handler("com.example.Handler::handleRequest")
 *         .timeout(Duration.ofSeconds(5))
 *         .build()) {
 *     Invocation invocation = runtime.invoke("{\"name\":\"x\"}");
 *     assertEquals(InvocationStatus.SUCCESS, invocation.status());
 *     invocation.stdout().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <h2>Execution environments</h2>
 * The child JVM starts on the first invocation, or on {@link #start()}. It gets the environment variables
 * Lambda sets (and only those, plus {@code PATH}, {@code HOME}, {@code LANG}, {@code TMPDIR} and the ones
 * given to {@link Builder#env(String, String)}), and the class path of the running tests unless
 * {@link Builder#classpath(String)} says otherwise. When an invocation times out, the child is killed, as Lambda
 * kills its sandbox, and the next invocation starts a fresh child: a new cold start. The same happens after a
 * crash or an init error.
 *
 * <h2>Output</h2>
 * The child's stdout and stderr go to files. When {@code /invocation/next} hands an invocation out, the current
 * file sizes are recorded; when its response or error arrives, the sizes are read again. A write by the child
 * is in the file before the child's HTTP request is sent, so the lines in between are exactly the ones the
 * function wrote for that invocation, with no timing guesses. With {@link Builder#maxConcurrency(int)} above 1,
 * invocations overlap in one process and their lines cannot be told apart by offsets: a result then holds every
 * line written while it ran, possibly including other invocations' lines, so filter them by request id.
 *
 * <h2>Bounded waits</h2>
 * Every wait ends: an invocation ends at its deadline ({@link Builder#timeout(Duration)}), a child that does not
 * ask for work within {@link Builder#initTimeout(Duration)} is an init error, and {@link #invoke(String)} gives
 * up with an {@link IllegalStateException} after a safety margin beyond both.
 *
 * <p>Thread-safe. Close it to kill the child and stop the server; its temporary files are deleted.
 */
public final class LocalLambdaRuntime implements AutoCloseable {
    /** Extra time, beyond init timeout and invocation timeouts, before a caller stops waiting for a result. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);

    private final RuntimeSettings settings;
    private final Path outputDir;
    private final ScheduledExecutorService scheduler;
    private final List<ExecutionEnvironment> environments = new ArrayList<>();

    // Guarded by this.
    private ExecutionEnvironment current;
    private boolean closed;

    private LocalLambdaRuntime(RuntimeSettings settings) {
        this.settings = settings;
        try {
            this.outputDir = Files.createTempDirectory("lambda-lens-runtime-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "lambda-lens-runtime-timer");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
    }

    /** A builder; only {@link Builder#handler(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the child JVM now, if none is running, and waits until it asks for its first invocation (or fails
     * to, within the init timeout). Useful to keep the cold start out of the first invocation.
     *
     * @return this runtime
     */
    public LocalLambdaRuntime start() {
        ExecutionEnvironment environment;
        synchronized (this) {
            environment = liveEnvironment();
        }
        try {
            environment.awaitInitialized(settings.initTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Invokes the function with an event and waits for the result. */
    public Invocation invoke(String eventJson) {
        return invoke(InvocationRequest.of(eventJson));
    }

    /**
     * Invokes the function and waits for the result.
     *
     * @throws IllegalStateException if no result came within the safety bound (the runtime is stuck)
     */
    public Invocation invoke(InvocationRequest request) {
        try {
            return invokeAsync(request).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("No result for the invocation: " + e.getCause(), e.getCause());
        }
    }

    /** Invokes the function with an event without waiting. */
    public CompletableFuture<Invocation> invokeAsync(String eventJson) {
        return invokeAsync(InvocationRequest.of(eventJson));
    }

    /**
     * Queues an invocation and returns at once. The future completes with the result, or exceptionally with a
     * {@link TimeoutException} if the runtime is stuck beyond every timeout.
     */
    public CompletableFuture<Invocation> invokeAsync(InvocationRequest request) {
        Objects.requireNonNull(request, "request");
        String traceHeader = request.exactTraceHeader() != null ? request.exactTraceHeader()
                : TraceHeaders.generate(Clock.systemUTC(),
                Objects.requireNonNullElse(request.sampledOverride(), settings.sampled()));
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), traceHeader,
                request.event().getBytes(StandardCharsets.UTF_8));
        int ahead;
        synchronized (this) {
            ahead = submit(invocation);
        }
        // Queued behind `ahead` others, each running up to one timeout in one of maxConcurrency slots.
        long waves = 1 + ahead / settings.maxConcurrency();
        Duration bound = settings.initTimeout().plus(settings.timeout().multipliedBy(waves)).plus(SAFETY_MARGIN);
        return invocation.result().copy().orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Invokes the function once per event, all queued at once, and waits for every result. With
     * {@link Builder#maxConcurrency(int)} above 1 the child runs up to that many at the same time.
     *
     * @return the results, in the order of the events
     */
    public List<Invocation> invokeAll(List<String> eventsJson) {
        List<CompletableFuture<Invocation>> futures = eventsJson.stream().map(this::invokeAsync).toList();
        List<Invocation> results = new ArrayList<>();
        for (CompletableFuture<Invocation> future : futures) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                throw new IllegalStateException("No result for an invocation: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    /** Every line written to stdout by every child since this runtime started, init phases included. */
    public List<String> stdoutLines() {
        return collectLines(true);
    }

    /** Every line written to stderr by every child since this runtime started, init phases included. */
    public List<String> stderrLines() {
        return collectLines(false);
    }

    /** How many child JVMs (execution environments, cold starts) this runtime has started. */
    public synchronized int environmentsStarted() {
        return environments.size();
    }

    /** The ARN sent to the function, {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    public String functionArn() {
        return settings.functionArn();
    }

    /** Kills the child, stops the server and deletes the output files. Invocations still running end as CRASH. */
    @Override
    public void close() {
        List<ExecutionEnvironment> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = null;
            toClose = List.copyOf(environments);
        }
        toClose.forEach(ExecutionEnvironment::close);
        scheduler.shutdownNow();
        deleteRecursively(outputDir);
    }

    /** Hands an invocation to the live environment, starting one if needed; returns how many were running. */
    private int submit(PendingInvocation invocation) {
        if (closed) {
            throw new IllegalStateException("The runtime is closed");
        }
        while (true) {
            ExecutionEnvironment environment = liveEnvironment();
            if (environment.submit(invocation)) {
                return environment.load() - 1;
            }
            current = null;
        }
    }

    private ExecutionEnvironment liveEnvironment() {
        if (closed) {
            throw new IllegalStateException("The runtime is closed");
        }
        if (current == null || current.hasEnded()) {
            try {
                current = new ExecutionEnvironment(settings, scheduler, outputDir, environments.size() + 1,
                        this::resubmit);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the function's JVM", e);
            }
            environments.add(current);
        }
        return current;
    }

    /** Invocations an ended environment never handed out go to a fresh environment, as Lambda would route them. */
    private synchronized void resubmit(List<PendingInvocation> undelivered) {
        for (PendingInvocation invocation : undelivered) {
            if (closed) {
                invocation.result().completeExceptionally(new IllegalStateException("The runtime is closed"));
            } else {
                submit(invocation);
            }
        }
    }

    private List<String> collectLines(boolean standardOutput) {
        List<ExecutionEnvironment> all;
        synchronized (this) {
            all = List.copyOf(environments);
        }
        List<String> lines = new ArrayList<>();
        for (ExecutionEnvironment environment : all) {
            lines.addAll((standardOutput ? environment.stdout() : environment.stderr()).allLines());
        }
        return lines;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary files only: a leftover is harmless.
        }
    }

    /**
     * Configures a {@link LocalLambdaRuntime}. Defaults suit tests: function {@code local-function}, 512 MB,
     * 10 s timeout, 10 s init timeout, {@code us-east-1}, account {@code 123456789012}, on-demand
     * initialization, one invocation at a time, sampled traces, no X-Ray daemon, the current JDK and class path.
     */
    public static final class Builder {
        private String handler;
        private String functionName = "local-function";
        private int memoryMb = 512;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration initTimeout = Duration.ofSeconds(10);
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private InitializationType initializationType = InitializationType.ON_DEMAND;
        private int maxConcurrency = 1;
        private String xrayDaemonAddress;
        private boolean sampled = true;
        private String executionEnv = "AWS_Lambda_java21";
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private String classpath;
        private Path workingDirectory;

        private Builder() {
        }

        /** The handler, as in Lambda's configuration: {@code com.x.Handler::handleRequest} or {@code com.x.Handler}. */
        public Builder handler(String handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The function name ({@code AWS_LAMBDA_FUNCTION_NAME}, log group, ARN). */
        public Builder functionName(String functionName) {
            this.functionName = Objects.requireNonNull(functionName, "functionName");
            return this;
        }

        /** The memory size in MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}); also bounds the child's heap. */
        public Builder memoryMb(int memoryMb) {
            if (memoryMb < 128) {
                throw new IllegalArgumentException("memoryMb must be at least 128, was " + memoryMb);
            }
            this.memoryMb = memoryMb;
            return this;
        }

        /** How long one invocation may run before the environment is killed. Default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How long the child may take from start to its first {@code /invocation/next}. Default 10 s. */
        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = positive(initTimeout, "initTimeout");
            return this;
        }

        /** The region ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, ARN). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The account id in the function ARN. */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /** The value of {@code AWS_LAMBDA_INITIALIZATION_TYPE}. */
        public Builder initializationType(InitializationType type) {
            this.initializationType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * How many invocations one child runs at once (Lambda Managed Instances). Above 1 the child gets
         * {@code AWS_LAMBDA_MAX_CONCURRENCY} and the runtime client polls {@code /invocation/next} from that many
         * threads; the trace header then reaches the handler only through {@code Context.getXrayTraceId()}.
         */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * The X-Ray daemon, {@code host:port}, e.g. {@link LocalXRayDaemon#address()}. Sets
         * {@code AWS_XRAY_DAEMON_ADDRESS}, {@code _AWS_XRAY_DAEMON_ADDRESS}, {@code _AWS_XRAY_DAEMON_PORT} and
         * {@code AWS_XRAY_CONTEXT_MISSING=LOG_ERROR}, as Lambda does with tracing active.
         */
        public Builder xrayDaemonAddress(String hostAndPort) {
            Objects.requireNonNull(hostAndPort, "hostAndPort");
            if (hostAndPort.lastIndexOf(':') <= 0) {
                throw new IllegalArgumentException("Expected host:port, was " + hostAndPort);
            }
            this.xrayDaemonAddress = hostAndPort;
            return this;
        }

        /** The {@code Sampled} flag of generated trace headers; {@link InvocationRequest} can override it. */
        public Builder sampled(boolean sampled) {
            this.sampled = sampled;
            return this;
        }

        /** The value of {@code AWS_EXECUTION_ENV}. Default {@code AWS_Lambda_java21}. */
        public Builder executionEnv(String executionEnv) {
            this.executionEnv = Objects.requireNonNull(executionEnv, "executionEnv");
            return this;
        }

        /** Adds an environment variable of the child; it wins over the ones Lambda sets. */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a JVM option of the child, e.g. {@code -javaagent:...} or {@code -Dkey=value}. */
        public Builder jvmArg(String option) {
            jvmArgs.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** The JDK that runs the child ({@code <javaHome>/bin/java}). Default: the JDK running the tests. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /**
         * The child's class path. It must hold the handler, its dependencies and the runtime interface client.
         * Default: the class path of the running tests ({@code surefire.test.class.path} under Surefire).
         */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** The child's working directory and {@code LAMBDA_TASK_ROOT}. Default: a new temporary directory. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
            return this;
        }

        /** Builds the runtime; no process starts until {@link LocalLambdaRuntime#start()} or the first invocation. */
        public LocalLambdaRuntime build() {
            if (handler == null) {
                throw new IllegalStateException("handler is required");
            }
            return new LocalLambdaRuntime(new RuntimeSettings(handler, functionName, memoryMb, timeout,
                    initTimeout, region, accountId, initializationType.value(), maxConcurrency, xrayDaemonAddress,
                    sampled, executionEnv, Map.copyOf(env), List.copyOf(jvmArgs),
                    javaHome.resolve("bin").resolve("java"),
                    classpath != null ? classpath : TestClasspath.current(), workingDirectory));
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
