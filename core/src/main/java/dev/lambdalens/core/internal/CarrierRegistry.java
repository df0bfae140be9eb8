package dev.lambdalens.core.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.ThreadContextCarrier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thread-bound state of every module (MDC keys, the open subsegment) that travels with an invocation scope
 * to another thread: captured on the submitting thread, attached on the worker, undone when the task ends.
 * One per runtime.
 */
public final class CarrierRegistry {
    private final List<ThreadContextCarrier> carriers = new CopyOnWriteArrayList<>();
    private final Diagnostics diagnostics;

    public CarrierRegistry(Diagnostics diagnostics) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /** Registers {@code carrier}; idempotent. */
    public void add(ThreadContextCarrier carrier) {
        Objects.requireNonNull(carrier, "carrier");
        if (!carriers.contains(carrier)) {
            carriers.add(carrier);
        }
    }

    /** Every carrier's state on the calling thread, or {@code null} when no carrier is registered. */
    public Object[] capture() {
        if (carriers.isEmpty()) {
            return null;
        }
        Object[] captured = new Object[carriers.size()];
        for (int i = 0; i < captured.length && i < carriers.size(); i++) {
            try {
                captured[i] = carriers.get(i).capture();
            } catch (RuntimeException | LinkageError e) {
                diagnostics.reportOnce("carrier:capture:" + carriers.get(i).getClass().getName(),
                        "could not capture thread context for another thread", e);
            }
        }
        return captured;
    }

    /** Installs what {@link #capture()} returned on the calling thread; returns the undo actions. */
    public List<Runnable> attach(Object[] captured) {
        if (captured == null) {
            return List.of();
        }
        List<Runnable> undo = new ArrayList<>(captured.length);
        for (int i = 0; i < captured.length && i < carriers.size(); i++) {
            if (captured[i] == null) {
                continue;
            }
            try {
                undo.add(carriers.get(i).attach(captured[i]));
            } catch (RuntimeException | LinkageError e) {
                diagnostics.reportOnce("carrier:attach:" + carriers.get(i).getClass().getName(),
                        "could not carry thread context to another thread", e);
            }
        }
        return undo;
    }
}
