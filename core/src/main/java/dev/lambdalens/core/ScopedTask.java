package dev.lambdalens.core;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A task handed to another thread with its invocation: runs with the scope current and with the thread-bound
 * state every module had on the submitting thread (captured at wrap time), then restores the worker thread.
 * One class for the three task shapes, so that wrapping costs one object and no lambda classes.
 */
final class ScopedTask<T> implements Runnable, Callable<T>, Supplier<T> {
    private final InvocationScope scope;
    private final Object[] captured;
    private final Object task;

    ScopedTask(InvocationScope scope, Object[] captured, Object task) {
        this.scope = scope;
        this.captured = captured;
        this.task = task;
    }

    @Override
    public void run() {
        try (InvocationScope.Activation ignored = scope.activateWith(captured)) {
            ((Runnable) task).run();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T call() throws Exception {
        try (InvocationScope.Activation ignored = scope.activateWith(captured)) {
            return ((Callable<T>) task).call();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        try (InvocationScope.Activation ignored = scope.activateWith(captured)) {
            return ((Supplier<T>) task).get();
        }
    }
}
