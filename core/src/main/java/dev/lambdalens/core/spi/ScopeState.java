package dev.lambdalens.core.spi;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.internal.CarrierRegistry;
import dev.lambdalens.core.internal.DeadlineWatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What modules attach to one invocation and the hooks they run at its end: each module's state under its own
 * {@link ScopeKey}, actions run when the invocation closes, and actions run shortly before its deadline.
 * Reached through {@link InvocationScope#state()}; created by the core, one per scope.
 *
 * <p>Thread-safe: worker threads of the invocation may attach and register too.
 */
public final class ScopeState {
    private static final Object[] NO_ATTACHMENTS = new Object[0];

    private final InvocationScope scope;
    private final DeadlineWatch deadlineWatch;
    private final CarrierRegistry carriers;
    private final Diagnostics diagnostics;
    /**
     * Keys and values, alternating, copied on write: a handful of modules attach once per invocation and read
     * often, so reads take no lock and a scope allocates nothing for modules that attach nothing.
     */
    private volatile Object[] attachments = NO_ATTACHMENTS;
    // Guarded by this; made on first use, as most scopes have one or two of each or none.
    private List<Runnable> closeActions;
    private List<DeadlineWatch.Task> deadlineActions;
    private boolean closed;

    /** Called by the core when it opens {@code scope}; modules never create one. */
    public ScopeState(InvocationScope scope, DeadlineWatch deadlineWatch, CarrierRegistry carriers,
                      Diagnostics diagnostics) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.deadlineWatch = Objects.requireNonNull(deadlineWatch, "deadlineWatch");
        this.carriers = Objects.requireNonNull(carriers, "carriers");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
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
                value = factory.apply(scope);
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
     * Runs {@code action}, with the scope current, {@code margin} before the deadline if the invocation is
     * still running then: the last chance to write what would otherwise be lost when Lambda stops a function
     * that timed out. Cancelled when the invocation ends. Without a deadline nothing is scheduled. A margin at
     * or above the time left runs the action at once, on the watch thread.
     */
    public void beforeDeadline(Duration margin, Runnable action) {
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(action, "action");
        if (scope.deadlineEpochMillis() == Long.MAX_VALUE) {
            return;
        }
        long delay = Math.max(0, scope.remainingMillis() - margin.toMillis());
        Runnable task = new DeadlineAction(this, carriers.capture(), action);
        synchronized (this) {
            if (!closed) {
                if (deadlineActions == null) {
                    deadlineActions = new ArrayList<>(4);
                }
                deadlineActions.add(deadlineWatch.schedule(task, delay));
            }
        }
    }

    /** Whether the invocation has ended. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the invocation: cancels pending deadline actions and runs the close actions. Called by the core. */
    public void close() {
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

    /**
     * The classes the first {@link #beforeDeadline} loads. Priming loads them without scheduling anything: a
     * scheduled action would start the deadline thread of a throwaway runtime, left behind for good.
     */
    static List<Class<?>> deadlineClasses() {
        return List.of(DeadlineAction.class, DeadlineWatch.Task.class);
    }

    void runGuarded(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("scope:" + what + ":" + action.getClass().getName(),
                    "a " + what + " failed; the invocation goes on", e);
        }
    }

    /**
     * What {@link #beforeDeadline} schedules: the action, guarded, with the scope and the registering thread's
     * context current. A named class rather than nested lambdas: one object per registration, and no lambda
     * classes to spin up during the first invocation.
     */
    private static final class DeadlineAction implements Runnable {
        private final ScopeState state;
        private final Object[] captured;
        private final Runnable action;

        DeadlineAction(ScopeState state, Object[] captured, Runnable action) {
            this.state = state;
            this.captured = captured;
            this.action = action;
        }

        @Override
        public void run() {
            List<Runnable> undo = List.of();
            try (InvocationScope.Activation ignored = state.scope.activate()) {
                undo = state.carriers.attach(captured);
                state.runGuarded(action, "deadline action");
            } finally {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    state.runGuarded(undo.get(i), "thread context restore");
                }
            }
        }
    }
}
