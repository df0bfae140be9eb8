package dev.lambdalens.core.internal;

import dev.lambdalens.core.LensRuntime;
import org.crac.Context;
import org.crac.Resource;

/**
 * The CRaC resource that primes every module before a SnapStart snapshot and refreshes them after a restore.
 * Registered once per runtime that runs in a SnapStart environment; the runtime keeps it (CRaC contexts hold
 * resources weakly). Referenced only in such environments, so a function elsewhere never loads org.crac.
 */
public final class SnapStartHook implements Resource {
    private final LensRuntime runtime;

    private SnapStartHook(LensRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Registers a hook for {@code runtime} in {@code context}, or in org.crac's global context when
     * {@code context} is {@code null} (on Lambda, the runtime client's). Returns the hook to keep.
     */
    @SuppressWarnings("unchecked")
    public static Resource register(LensRuntime runtime, Object context) {
        SnapStartHook hook = new SnapStartHook(runtime);
        Context<Resource> target = context != null ? (Context<Resource>) context : org.crac.Core.getGlobalContext();
        target.register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        runtime.prime();
        EnvironmentRandom.prepareForRestore();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        runtime.afterRestore();
    }
}
