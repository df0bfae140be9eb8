package dev.lambdalens.core.internal;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks shortly before invocation deadlines, on one daemon thread created on first use (so a function
 * that never asks for it pays nothing at cold start). For Lambda Lens modules only: not a public API.
 */
public final class DeadlineWatch {
    private volatile ScheduledThreadPoolExecutor executor;

    /** Runs {@code task} after {@code delayMillis}; cancel the returned future when it is no longer needed. */
    public Future<?> schedule(Runnable task, long delayMillis) {
        return executor().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor current = executor;
        if (current == null) {
            synchronized (this) {
                current = executor;
                if (current == null) {
                    current = new ScheduledThreadPoolExecutor(1, runnable -> {
                        Thread thread = new Thread(runnable, "lambda-lens-deadline");
                        thread.setDaemon(true);
                        return thread;
                    });
                    // Cancelled tasks (the common case: the invocation ended in time) leave the queue at once.
                    current.setRemoveOnCancelPolicy(true);
                    executor = current;
                }
            }
        }
        return current;
    }
}
