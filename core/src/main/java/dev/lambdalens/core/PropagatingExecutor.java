package dev.lambdalens.core;

import java.util.concurrent.Executor;

/** An executor that hands each task the invocation scope current where it was submitted. */
final class PropagatingExecutor implements Executor {
    private final Executor delegate;

    PropagatingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        InvocationScope scope = InvocationScope.current();
        delegate.execute(scope == null ? task : scope.wrap(task));
    }
}
