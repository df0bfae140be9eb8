package dev.lambdalens.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides, once per execution environment, which invocation is the cold start. Every module reads the
 * decision from {@link InvocationScope#coldStart()}, so logs, traces and metrics always agree.
 *
 * <p>Only the first invocation of an on-demand environment is a cold start: with provisioned concurrency
 * and after a SnapStart restore the initialization happened before any caller was waiting.
 */
final class ColdStart {
    private final boolean possible;
    private final AtomicBoolean claimed = new AtomicBoolean();

    ColdStart(InitializationType initializationType) {
        this.possible = initializationType == InitializationType.ON_DEMAND;
    }

    /** {@code true} for exactly one caller, the first, and only in an on-demand environment. */
    boolean claim() {
        return possible && !claimed.get() && claimed.compareAndSet(false, true);
    }
}
