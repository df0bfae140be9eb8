package dev.lambdalens.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.FunctionError;
import dev.lambdalens.testing.InvocationStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution environment: a child JVM running the runtime interface client, the Runtime API server it talks
 * to, and the files its output goes to. Like a Lambda sandbox it lives until it is killed (timeout, close) or
 * its process exits, and is never reused after that.
 */
public final class ExecutionEnvironment implements RuntimeApiListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /** After reporting an init error the client exits by itself; it is killed if it has not after this. */
    private static final Duration INIT_ERROR_EXIT_GRACE = Duration.ofSeconds(2);

    private final RuntimeSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Consumer<List<PendingInvocation>> undeliveredSink;
    private final OutputFile stdout;
    private final OutputFile stderr;
    private final RuntimeApiServer server;
    private final Process process;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> running = new ConcurrentHashMap<>();
    private final CountDownLatch initializedOrEnded = new CountDownLatch(1);

    // Guarded by this.
    private boolean initialized;
    private boolean ended;
    private FunctionError reportedInitError;

    /**
     * Starts the server and the child process.
     *
     * @param outputDir where the output files go, named after {@code index}
     * @param undeliveredSink receives invocations still queued when an initialized environment ends, so the
     *                        runtime can hand them to a fresh environment
     */
    public ExecutionEnvironment(RuntimeSettings settings, ScheduledExecutorService scheduler, Path outputDir,
                                int index, Consumer<List<PendingInvocation>> undeliveredSink) throws IOException {
        this.settings = settings;
        this.scheduler = scheduler;
        this.undeliveredSink = undeliveredSink;
        this.stdout = new OutputFile(outputDir.resolve("environment-" + index + ".stdout"));
        this.stderr = new OutputFile(outputDir.resolve("environment-" + index + ".stderr"));
        this.server = new RuntimeApiServer(this, settings.functionArn());
        Path taskRoot = settings.taskRoot() != null ? settings.taskRoot()
                : Files.createDirectories(outputDir.resolve("task-root"));
        ProcessBuilder builder = new ProcessBuilder(ChildProcessSpec.command(settings))
                .directory(taskRoot.toFile())
                .redirectOutput(stdout.path().toFile())
                .redirectError(stderr.path().toFile());
        builder.environment().clear();
        builder.environment().putAll(
                ChildProcessSpec.environment(settings, server.address(), taskRoot, logStreamName()));
        try {
            this.process = builder.start();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        process.onExit().thenRun(() -> end(null));
        scheduler.schedule(this::endIfNotInitialized, settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues an invocation; false when this environment has ended and cannot take it. */
    public synchronized boolean submit(PendingInvocation invocation) {
        if (ended) {
            return false;
        }
        queue.add(invocation);
        return true;
    }

    /** True once the child was killed or exited; an ended environment takes no invocations. */
    public synchronized boolean hasEnded() {
        return ended;
    }

    /** Invocations queued or running here. */
    public int load() {
        return queue.size() + running.size();
    }

    /** Waits, at most {@code timeout}, until the child asks for its first invocation or the environment ends. */
    public void awaitInitialized(Duration timeout) throws InterruptedException {
        initializedOrEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The child's standard output file. */
    public OutputFile stdout() {
        return stdout;
    }

    /** The child's standard error file. */
    public OutputFile stderr() {
        return stderr;
    }

    /** Kills the child and ends every invocation it still has. */
    public void close() {
        end(null);
    }

    @Override
    public PendingInvocation nextInvocation() throws InterruptedException {
        synchronized (this) {
            initialized = true;
        }
        initializedOrEnded.countDown();
        while (true) {
            PendingInvocation next = queue.poll(100, TimeUnit.MILLISECONDS);
            synchronized (this) {
                if (ended) {
                    if (next != null) {
                        // Taken from the queue after end() drained it: give it to the next environment.
                        handBack(next);
                    }
                    return null;
                }
                if (next != null) {
                    handOut(next);
                    return next;
                }
            }
        }
    }

    private void handBack(PendingInvocation invocation) {
        try {
            scheduler.execute(() -> undeliveredSink.accept(List.of(invocation)));
        } catch (RejectedExecutionException e) {
            invocation.result().completeExceptionally(new IllegalStateException("The runtime is closed"));
        }
    }

    private void handOut(PendingInvocation invocation) {
        long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
        invocation.handedOut(stdout.size(), stderr.size(), deadline);
        running.put(invocation.requestId(), invocation);
        invocation.deadlineTimer(scheduler.schedule(() -> onDeadline(invocation),
                settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean onResponse(String requestId, byte[] body) {
        PendingInvocation invocation = running.remove(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.finish(InvocationStatus.SUCCESS, new String(body, StandardCharsets.UTF_8), null, null,
                stdout, stderr);
        return true;
    }

    @Override
    public boolean onError(String requestId, String errorTypeHeader, byte[] body) {
        PendingInvocation invocation = running.remove(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.finish(InvocationStatus.FUNCTION_ERROR, null, parseError(errorTypeHeader, body), null,
                stdout, stderr);
        return true;
    }

    @Override
    public void onInitError(String errorTypeHeader, byte[] body) {
        synchronized (this) {
            reportedInitError = parseError(errorTypeHeader, body);
        }
        // The client exits right after this request; its exit ends the environment with the output complete.
        scheduler.schedule(() -> end(null), INIT_ERROR_EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onDeadline(PendingInvocation invocation) {
        if (running.containsKey(invocation.requestId())) {
            end(invocation);
        }
    }

    private void endIfNotInitialized() {
        boolean stuck;
        synchronized (this) {
            stuck = !initialized && !ended;
        }
        if (stuck) {
            end(null);
        }
    }

    /**
     * Ends the environment once: kills the child if it still runs, then settles every invocation it had.
     *
     * @param timedOut the invocation whose deadline passed, or null
     */
    private void end(PendingInvocation timedOut) {
        boolean wasInitialized;
        FunctionError initError;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            wasInitialized = initialized;
            initError = reportedInitError;
        }
        initializedOrEnded.countDown();
        boolean exitedByItself = !process.isAlive();
        process.destroyForcibly();
        boolean dead = waitForExit();
        server.close();
        Integer exitCode = exitedByItself && dead ? process.exitValue() : null;

        for (PendingInvocation invocation : new ArrayList<>(running.values())) {
            if (running.remove(invocation.requestId()) == null) {
                continue; // its response arrived meanwhile
            }
            if (invocation == timedOut) {
                invocation.finish(InvocationStatus.TIMEOUT, null, timeoutError(), null, stdout, stderr);
            } else {
                invocation.finish(InvocationStatus.CRASH, null, crashError(invocation, exitCode, timedOut),
                        exitCode, stdout, stderr);
            }
        }

        List<PendingInvocation> undelivered = new ArrayList<>();
        queue.drainTo(undelivered);
        if (undelivered.isEmpty()) {
            return;
        }
        if (wasInitialized && initError == null) {
            undeliveredSink.accept(undelivered);
        } else {
            FunctionError error = initError != null ? initError : initFailure(exitCode);
            List<String> out = stdout.allLines();
            List<String> err = stderr.allLines();
            undelivered.forEach(invocation -> invocation.failInit(error, out, err));
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private FunctionError timeoutError() {
        // The message real Lambda reports for a timed-out invocation.
        return new FunctionError("Sandbox.Timedout",
                String.format("Task timed out after %.2f seconds", settings.timeout().toMillis() / 1000.0),
                List.of());
    }

    private static FunctionError crashError(PendingInvocation invocation, Integer exitCode,
                                            PendingInvocation timedOut) {
        if (timedOut != null) {
            return new FunctionError("Runtime.ExitError", "The execution environment was killed because invocation "
                    + timedOut.requestId() + " timed out", List.of());
        }
        String status = exitCode == null ? "killed" : "exit status " + exitCode;
        return new FunctionError("Runtime.ExitError",
                "RequestId: " + invocation.requestId() + " Error: Runtime exited with error: " + status, List.of());
    }

    private FunctionError initFailure(Integer exitCode) {
        String why = exitCode != null
                ? "Runtime exited with error: exit status " + exitCode + " before it asked for an invocation"
                : "Runtime did not ask for an invocation within " + settings.initTimeout().toMillis() + " ms";
        return new FunctionError("Runtime.ExitError", why, List.of());
    }

    /** Reads the runtime client's {@code {errorMessage, errorType, stackTrace}} body; tolerates any text. */
    static FunctionError parseError(String errorTypeHeader, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) {
                List<String> stackTrace = new ArrayList<>();
                node.path("stackTrace").forEach(element -> stackTrace.add(element.asText()));
                String type = node.path("errorType").asText(errorTypeHeader);
                return new FunctionError(type, node.path("errorMessage").asText(""), stackTrace);
            }
        } catch (IOException e) {
            // Not JSON: keep the raw text as the message below.
        }
        return new FunctionError(errorTypeHeader, text, List.of());
    }

    private static String logStreamName() {
        // Lambda's shape: date, version in brackets, 32 hex digits naming the sandbox.
        String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
        byte[] id = new byte[16];
        UUID uuid = UUID.randomUUID();
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            id[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return date + "/[$LATEST]" + HexFormat.of().formatHex(id);
    }
}
