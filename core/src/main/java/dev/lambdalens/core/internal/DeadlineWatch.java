package dev.lambdalens.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs tasks shortly before invocation deadlines, on one daemon thread created on first use (so a function
 * that never asks for it pays nothing at cold start).
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: nearly every task is cancelled (the invocation ended in
 * time), and the executor woke its thread on every schedule and cancel, allocated a future per task and loaded
 * some forty classes at cold start. Here scheduling and cancelling take an uncontended lock, and the thread is
 * woken only when a task is due earlier than the time it already sleeps until; with invocations one after the
 * other each deadline is later than the last, so the thread wakes about once per function timeout.
 */
public final class DeadlineWatch {
    private final List<Task> tasks = new ArrayList<>(4);
    private Thread thread;
    /** When the thread wakes up next (guarded by this); {@code Long.MAX_VALUE} while it waits for work. */
    private long wakeAt = Long.MAX_VALUE;

    /** A scheduled task; {@link #cancel()} it when it is no longer needed. */
    public final class Task {
        private final Runnable action;
        private final long dueMillis;

        private Task(Runnable action, long dueMillis) {
            this.action = action;
            this.dueMillis = dueMillis;
        }

        /** Removes the task if it has not started; harmless after it ran. */
        public void cancel() {
            synchronized (DeadlineWatch.this) {
                tasks.remove(this);
            }
        }
    }

    /** Runs {@code task} after {@code delayMillis}. */
    public Task schedule(Runnable task, long delayMillis) {
        long due = monotonicMillis() + Math.max(0, delayMillis);
        Task scheduled = new Task(task, due);
        synchronized (this) {
            tasks.add(scheduled);
            if (thread == null) {
                thread = new Watcher(this);
                thread.start();
            } else if (due < wakeAt) {
                notifyAll();
            }
        }
        return scheduled;
    }

    /** The watch's thread; a named class, so that starting it spins up no lambda class at cold start. */
    private static final class Watcher extends Thread {
        private final DeadlineWatch watch;

        Watcher(DeadlineWatch watch) {
            super("lambda-lens-deadline");
            this.watch = watch;
            setDaemon(true);
        }

        @Override
        public void run() {
            watch.loop();
        }
    }

    /** Milliseconds on a clock that wall-clock adjustments do not move. */
    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private void loop() {
        while (true) {
            Task due = null;
            synchronized (this) {
                long now = monotonicMillis();
                long next = Long.MAX_VALUE;
                for (int i = 0; i < tasks.size(); i++) {
                    Task task = tasks.get(i);
                    if (task.dueMillis <= now) {
                        due = tasks.remove(i);
                        break;
                    }
                    next = Math.min(next, task.dueMillis);
                }
                if (due == null) {
                    wakeAt = next;
                    try {
                        if (next == Long.MAX_VALUE) {
                            wait();
                        } else {
                            wait(next - now);
                        }
                    } catch (InterruptedException e) {
                        // A daemon thread nobody interrupts on purpose; go on watching.
                    }
                    continue;
                }
            }
            try {
                due.action.run();
            } catch (RuntimeException | Error e) {
                // Tasks guard themselves (InvocationScope reports their failures); the watch must survive anyway.
            }
        }
    }
}
