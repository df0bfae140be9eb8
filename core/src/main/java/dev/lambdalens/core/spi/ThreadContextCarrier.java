package dev.lambdalens.core.spi;

/**
 * Carries one module's thread-bound state (an X-Ray entity, say) along with the
 * {@link dev.lambdalens.core.InvocationScope} when user code hands work to another thread through
 * {@link dev.lambdalens.core.InvocationScope#wrap(Runnable)} and friends. Registered once with
 * {@link dev.lambdalens.core.LensRuntime#addCarrier(ThreadContextCarrier)}.
 */
public interface ThreadContextCarrier {

    /** Captures the state of the calling thread, or returns {@code null} when there is none. */
    Object capture();

    /**
     * Installs {@code captured} (never {@code null}) on the calling thread and returns what undoes it; the
     * undo runs on the same thread when the wrapped task ends.
     */
    Runnable attach(Object captured);
}
