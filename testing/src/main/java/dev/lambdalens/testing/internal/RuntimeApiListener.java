package dev.lambdalens.testing.internal;

/** What the Runtime API server asks of the execution environment behind it. */
interface RuntimeApiListener {

    /** Blocks until an invocation is handed out; null when the environment is ending. */
    PendingInvocation nextInvocation() throws InterruptedException;

    /** A response arrived; false when no invocation with that id is running. */
    boolean onResponse(String requestId, byte[] body);

    /** An error arrived; false when no invocation with that id is running. */
    boolean onError(String requestId, String errorTypeHeader, byte[] body);

    /** The runtime client reported that the function failed to initialize (or to restore). */
    void onInitError(String errorTypeHeader, byte[] body);
}
