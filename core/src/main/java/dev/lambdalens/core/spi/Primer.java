package dev.lambdalens.core.spi;

import dev.lambdalens.core.LensRuntime;

/**
 * One module's priming for SnapStart (and for any init that runs before callers wait): its hot path run once
 * before the snapshot, so that the classes it loads and the code it JIT-warms are in the snapshot instead of in
 * the first invocation after a restore. Found with {@link java.util.ServiceLoader} (each module lists its primer
 * in {@code META-INF/services/dev.lambdalens.core.spi.Primer}) and run by {@link LensRuntime#prime()}.
 *
 * <p>A primer writes and sends nothing and leaves no state behind: no cold start claimed, no metric recorded, no
 * line buffered, no subsegment open. It may throw; the failure is reported once and the other primers still run.
 */
public interface Primer {

    /** Runs the module's real hot path once against {@code runtime}, with every output discarded. */
    void prime(LensRuntime runtime);

    /**
     * After a restore from a snapshot: refreshes what must not be shared by the environments restored from one
     * snapshot (id seeds, cached clocks or addresses). Nothing by default.
     */
    default void afterRestore(LensRuntime runtime) {
    }
}
