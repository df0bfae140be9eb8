package dev.lambdalens.testing.internal;

import dev.lambdalens.testing.FunctionError;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.InvocationStatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One invocation from the moment it is queued until its result is known. It remembers where the child's output
 * files ended when it was handed out, so its result holds exactly the lines written after that.
 */
public final class PendingInvocation {
    private final String requestId;
    private final String traceHeader;
    private final byte[] event;
    private final CompletableFuture<Invocation> result = new CompletableFuture<>();

    // Set once, when /invocation/next hands the invocation out; guarded by this.
    private long handedOutNanos;
    private long deadlineEpochMillis;
    private long stdoutStart;
    private long stderrStart;
    private ScheduledFuture<?> deadlineTimer;

    public PendingInvocation(String requestId, String traceHeader, byte[] event) {
        this.requestId = requestId;
        this.traceHeader = traceHeader;
        this.event = event.clone();
    }

    public String requestId() {
        return requestId;
    }

    public String traceHeader() {
        return traceHeader;
    }

    public byte[] event() {
        return event.clone();
    }

    /** Completes with the invocation's result; never completes exceptionally except by a caller's timeout. */
    public CompletableFuture<Invocation> result() {
        return result;
    }

    synchronized void handedOut(long stdoutOffset, long stderrOffset, long deadlineEpochMillis) {
        this.handedOutNanos = System.nanoTime();
        this.stdoutStart = stdoutOffset;
        this.stderrStart = stderrOffset;
        this.deadlineEpochMillis = deadlineEpochMillis;
    }

    synchronized long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    synchronized void deadlineTimer(ScheduledFuture<?> timer) {
        this.deadlineTimer = timer;
    }

    /** Completes a handed-out invocation with the output written since it was handed out. */
    void finish(InvocationStatus status, String response, FunctionError error, Integer exitCode,
                OutputFile stdout, OutputFile stderr) {
        long stdoutEnd = stdout.size();
        long stderrEnd = stderr.size();
        Invocation invocation;
        synchronized (this) {
            if (deadlineTimer != null) {
                deadlineTimer.cancel(false);
            }
            invocation = new Invocation(requestId, traceHeader, status, response, error,
                    Duration.ofNanos(System.nanoTime() - handedOutNanos),
                    stdout.linesBetween(stdoutStart, stdoutEnd), stderr.linesBetween(stderrStart, stderrEnd),
                    exitCode);
        }
        result.complete(invocation);
    }

    /** Completes an invocation that was never handed out because the function failed to initialize. */
    void failInit(FunctionError error, List<String> stdout, List<String> stderr) {
        result.complete(new Invocation(requestId, traceHeader, InvocationStatus.INIT_ERROR, null, error,
                Duration.ZERO, stdout, stderr, null));
    }
}
