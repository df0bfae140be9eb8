package dev.lambdalens.core;

import com.amazonaws.services.lambda.runtime.Context;

import dev.lambdalens.core.internal.DeadlineWatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything that belongs to one invocation: its request id, trace header, cold start flag, start time and
 * deadline, and the state each module attaches to it (log keys, recorded metrics, the handler subsegment).
 *
 * <p>One object per invocation, never statics, so that several invocations running at once in one JVM
 * (Lambda Managed Instances) cannot see each other's state. The scope is current on the handler's thread;
 * work handed to other threads carries it explicitly with {@link #wrap(Runnable)}, {@link #wrapCallable(Callable)},
 * {@link #wrapSupplier(Supplier)} or {@link #propagating(Executor)}.
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
    /**
     * Keys and values, alternating, copied on write: a handful of modules attach once per invocation and read
     * often, so reads take no lock and the scope allocates nothing for modules that attach nothing.
     */
    private volatile Object[] attachments = NO_ATTACHMENTS;
    // Guarded by this; made on first use, as most scopes have one or two of each or none.
    private List<Runnable> closeActions;
    private List<DeadlineWatch.Task> deadlineActions;
    private boolean closed;

    private static final Object[] NO_ATTACHMENTS = new Object[0];

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
    }

    /** The scope current on this thread, or {@code null} outside an invocation. */
    public static InvocationScope current() {
        return CURRENT.get();
    }

    /**
     * An executor that runs each task with the scope that was current when the task was submitted, so that
     * log lines, metrics and subsegments from worker threads belong to the right invocation.
     */
    public static Executor propagating(Executor delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return task -> {
            InvocationScope scope = current();
            delegate.execute(scope == null ? task : scope.wrap(task));
        };
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

    public LambdaEnvironment environment() {
        return runtime.environment();
    }

    /** The state attached under {@code key}, created by {@code factory} on first use. */
    @SuppressWarnings("unchecked")
    public <T> T attachment(ScopeKey<T> key, Function<InvocationScope, T> factory) {
        Object value = find(attachments, key);
        if (value != null) {
            return (T) value;
        }
        Objects.requireNonNull(factory, "factory");
        synchronized (this) {
            value = find(attachments, key);
            if (value == null) {
                // Called with the lock held, like ConcurrentHashMap.computeIfAbsent: made once per key.
                value = factory.apply(this);
                if (value == null) {
                    return null;
                }
                Object[] current = attachments;
                Object[] grown = Arrays.copyOf(current, current.length + 2);
                grown[current.length] = key;
                grown[current.length + 1] = value;
                attachments = grown;
            }
        }
        return (T) value;
    }

    /** The state attached under {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T attachment(ScopeKey<T> key) {
        return (T) find(attachments, key);
    }

    private static Object find(Object[] table, ScopeKey<?> key) {
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] == key) {
                return table[i + 1];
            }
        }
        return null;
    }

    /**
     * Runs {@code action} when the invocation ends, after the handler's own work and before the response is
     * returned to Lambda. Actions run in reverse order of registration; one failing does not stop the others.
     * Registered after close, it runs at once.
     */
    public void onClose(Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (this) {
            if (!closed) {
                if (closeActions == null) {
                    closeActions = new ArrayList<>(4);
                }
                closeActions.add(action);
                return;
            }
        }
        runGuarded(action, "close action");
    }

    /**
     * Runs {@code action}, with this scope current, {@code margin} before the deadline if the invocation is
     * still running then: the last chance to write what would otherwise be lost when Lambda stops a function
     * that timed out. Cancelled when the invocation ends. Without a deadline, nothing is scheduled.
     */
    public void beforeDeadline(Duration margin, Runnable action) {
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(action, "action");
        if (deadlineEpochMillis == Long.MAX_VALUE) {
            return;
        }
        long delay = Math.max(0, remainingMillis() - margin.toMillis());
        Runnable task = new DeadlineAction(this, runtime.captureCarriers(), action);
        synchronized (this) {
            if (!closed) {
                if (deadlineActions == null) {
                    deadlineActions = new ArrayList<>(4);
                }
                deadlineActions.add(runtime.deadlineWatch().schedule(task, delay));
            }
        }
    }

    /** Whether the invocation has ended. */
    public synchronized boolean isClosed() {
        return closed;
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

    /** {@code task}, run with this scope (and every registered module's thread context) current. */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        Object[] captured = runtime.captureCarriers();
        return () -> {
            try (Activation ignored = activateWith(captured)) {
                task.run();
            }
        };
    }

    /** {@code task}, run with this scope (and every registered module's thread context) current. */
    public <T> Callable<T> wrapCallable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Object[] captured = runtime.captureCarriers();
        return () -> {
            try (Activation ignored = activateWith(captured)) {
                return task.call();
            }
        };
    }

    /** {@code task}, run with this scope current; for {@code CompletableFuture.supplyAsync}. */
    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        Object[] captured = runtime.captureCarriers();
        return () -> {
            try (Activation ignored = activateWith(captured)) {
                return task.get();
            }
        };
    }

    private Activation activateWith(Object[] captured) {
        InvocationScope previous = CURRENT.get();
        CURRENT.set(this);
        return new Activation(this, previous, runtime.attachCaptured(captured), false);
    }

    void close() {
        List<Runnable> actions;
        List<DeadlineWatch.Task> pending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            // Taken whole: nothing is added after closed is set, so no copy is needed.
            actions = closeActions;
            pending = deadlineActions;
            closeActions = null;
            deadlineActions = null;
        }
        if (pending != null) {
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).cancel();
            }
        }
        if (actions != null) {
            for (int i = actions.size() - 1; i >= 0; i--) {
                runGuarded(actions.get(i), "close action");
            }
        }
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
     * What {@link #beforeDeadline} schedules: the action, guarded, with this scope and the registering thread's
     * context current. A named class rather than two nested lambdas: one object per registration, and no
     * lambda classes to spin up during the first invocation.
     */
    private static final class DeadlineAction implements Runnable {
        private final InvocationScope scope;
        private final Object[] captured;
        private final Runnable action;

        DeadlineAction(InvocationScope scope, Object[] captured, Runnable action) {
            this.scope = scope;
            this.captured = captured;
            this.action = action;
        }

        @Override
        public void run() {
            try (Activation ignored = scope.activateWith(captured)) {
                scope.runGuarded(action, "deadline action");
            }
        }
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
                    scope.close();
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
