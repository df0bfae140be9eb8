package dev.lambdalens.core;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.spi.ScopeState;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One invocation: its request id, trace header, cold start flag, start time and deadline. Modules keep their
 * per-invocation state (log keys, recorded metrics, the handler subsegment) in its {@link #state()}.
 *
 * <p>One object per invocation, never statics, so that several invocations running at once in one JVM
 * (Lambda Managed Instances) cannot see each other's state. The scope is current on the handler's thread;
 * work handed to other threads carries it explicitly with {@link #wrap(Runnable)}, {@link #wrapCallable(Callable)},
 * {@link #wrapSupplier(Supplier)} or {@link #propagating(Executor)}, together with every module's thread-bound
 * state (MDC keys, the open subsegment).
 *
 * <p>Created by {@link LensRuntime#enter(Context)}; closed when the outermost handler wrapper returns.
 */
public final class InvocationScope {
    private static final ThreadLocal<InvocationScope> CURRENT = new ThreadLocal<>();

    private final LensRuntime runtime;
    private final Context context;
    private final String requestId;
    private final String functionArn;
    private final TraceHeader traceHeader;
    private final boolean coldStart;
    private final long startEpochMillis;
    private final long deadlineEpochMillis;
    private final ScopeState state;

    InvocationScope(LensRuntime runtime, Context context, TraceHeader traceHeader, boolean coldStart,
                    long startEpochMillis) {
        this.runtime = runtime;
        this.context = context;
        this.requestId = context == null ? null : context.getAwsRequestId();
        this.functionArn = context == null ? null : context.getInvokedFunctionArn();
        this.traceHeader = traceHeader;
        this.coldStart = coldStart;
        this.startEpochMillis = startEpochMillis;
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        this.deadlineEpochMillis = remaining > 0 ? startEpochMillis + remaining : Long.MAX_VALUE;
        this.state = new ScopeState(this, runtime.deadlineWatch(), runtime.carriers(), runtime.diagnostics());
    }

    /**
     * The scope current on this thread, or {@code null} outside an invocation: {@code current().wrap(task)}
     * throws there, so code that may also run outside one (a unit test calling the handler directly, start-up
     * code, a thread no invocation handed work to) uses {@link #wrapCurrent(Runnable)} and its siblings.
     */
    public static InvocationScope current() {
        return CURRENT.get();
    }

    /**
     * {@code task} run with the scope current on this thread, as {@link #wrap(Runnable)} does; outside an
     * invocation {@code task} itself, which then runs as it is (as with {@link #propagating(Executor)}).
     * Never throws for want of an invocation.
     */
    public static Runnable wrapCurrent(Runnable task) {
        Objects.requireNonNull(task, "task");
        InvocationScope scope = CURRENT.get();
        return scope == null ? task : scope.wrap(task);
    }

    /** {@link #wrapCallable(Callable)} of the current scope; outside an invocation {@code task} itself. */
    public static <T> Callable<T> wrapCurrentCallable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        InvocationScope scope = CURRENT.get();
        return scope == null ? task : scope.wrapCallable(task);
    }

    /** {@link #wrapSupplier(Supplier)} of the current scope; outside an invocation {@code task} itself. */
    public static <T> Supplier<T> wrapCurrentSupplier(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        InvocationScope scope = CURRENT.get();
        return scope == null ? task : scope.wrapSupplier(task);
    }

    /**
     * An executor that runs each task with the scope that was current when the task was submitted, so that
     * log lines, metrics and subsegments from worker threads belong to the right invocation. A task submitted
     * outside an invocation runs as it is.
     */
    public static Executor propagating(Executor delegate) {
        return new PropagatingExecutor(Objects.requireNonNull(delegate, "delegate"));
    }

    /** The runtime this invocation belongs to. */
    public LensRuntime runtime() {
        return runtime;
    }

    /** Lambda's context object, or {@code null} when the handler was called without one. */
    public Context context() {
        return context;
    }

    /** The AWS request id, or {@code null} without a context. */
    public String requestId() {
        return requestId;
    }

    /** The ARN the function was invoked with (may carry a version or alias), or {@code null}. */
    public String functionArn() {
        return functionArn;
    }

    /** The invocation's X-Ray trace header, or {@code null} when there is none (or it was malformed). */
    public TraceHeader traceHeader() {
        return traceHeader;
    }

    /** The X-Ray trace id (the header's Root), or {@code null}. */
    public String traceId() {
        return traceHeader == null ? null : traceHeader.root();
    }

    /** Whether this is the cold start of an on-demand execution environment, decided once by the core. */
    public boolean coldStart() {
        return coldStart;
    }

    /** When the invocation started, by the runtime's clock. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** When Lambda stops the invocation, or {@link Long#MAX_VALUE} when there is no deadline. */
    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    /** Milliseconds left before the deadline, by the runtime's clock. */
    public long remainingMillis() {
        return deadlineEpochMillis == Long.MAX_VALUE ? Long.MAX_VALUE
                : deadlineEpochMillis - runtime.clock().millis();
    }

    /** The function's execution environment, read once by the runtime. */
    public LambdaEnvironment environment() {
        return runtime.environment();
    }

    /** What modules attach to this invocation and the hooks they run at its end; for module authors. */
    public ScopeState state() {
        return state;
    }

    /** Whether the invocation has ended. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /**
     * Makes this scope current on the calling thread until the returned activation is closed, which restores
     * whatever was current before. Does not close the scope.
     */
    public Activation activate() {
        return activate(false);
    }

    Activation activate(boolean owner) {
        InvocationScope previous = CURRENT.get();
        CURRENT.set(this);
        return new Activation(this, previous, List.of(), owner);
    }

    /** {@code task}, run with this scope (and every module's thread context of the calling thread) current. */
    public Runnable wrap(Runnable task) {
        return new ScopedTask<Void>(this, runtime.carriers().capture(), Objects.requireNonNull(task, "task"));
    }

    /** {@code task}, run with this scope (and every module's thread context of the calling thread) current. */
    public <T> Callable<T> wrapCallable(Callable<T> task) {
        return new ScopedTask<>(this, runtime.carriers().capture(), Objects.requireNonNull(task, "task"));
    }

    /** {@code task}, run with this scope current; for {@code CompletableFuture.supplyAsync}. */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        return new ScopedTask<>(this, runtime.carriers().capture(), Objects.requireNonNull(task, "task"));
    }

    Activation activateWith(Object[] captured) {
        InvocationScope previous = CURRENT.get();
        CURRENT.set(this);
        return new Activation(this, previous, runtime.carriers().attach(captured), false);
    }

    private void runGuarded(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            runtime.diagnostics().reportOnce("scope:" + what + ":" + action.getClass().getName(),
                    "a " + what + " failed; the invocation goes on", e);
        }
    }

    static void restore(InvocationScope previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    @Override
    public String toString() {
        return "InvocationScope[requestId=" + requestId + ", traceId=" + traceId() + ", coldStart=" + coldStart + "]";
    }

    /**
     * A scope made current on one thread. Closing it restores the previously current scope; an activation
     * that opened the scope (the outermost handler wrapper) also ends the invocation.
     */
    public static final class Activation implements AutoCloseable {
        private final InvocationScope scope;
        private final InvocationScope previous;
        private final List<Runnable> undo;
        private final boolean owner;
        private final Thread thread = Thread.currentThread();

        Activation(InvocationScope scope, InvocationScope previous, List<Runnable> undo, boolean owner) {
            this.scope = scope;
            this.previous = previous;
            this.undo = undo;
            this.owner = owner;
        }

        public InvocationScope scope() {
            return scope;
        }

        /** Whether this activation opened the scope and so ends the invocation when closed. */
        public boolean owner() {
            return owner;
        }

        @Override
        public void close() {
            try {
                if (owner) {
                    scope.state.close();
                }
            } finally {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    scope.runGuarded(undo.get(i), "thread context restore");
                }
                if (Thread.currentThread() == thread) {
                    restore(previous);
                }
            }
        }
    }
}
