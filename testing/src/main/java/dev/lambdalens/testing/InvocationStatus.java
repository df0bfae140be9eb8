package dev.lambdalens.testing;

/** How an invocation run by {@link LocalLambdaRuntime} ended. */
public enum InvocationStatus {
    /** The function returned; {@link Invocation#response()} holds its response body. */
    SUCCESS,
    /** The handler threw; the runtime client posted the error to {@code /invocation/{id}/error}. */
    FUNCTION_ERROR,
    /**
     * The handler ran past its deadline. Like real Lambda, the execution environment (the child JVM)
     * was killed, and the next invocation starts a fresh one (a new cold start).
     */
    TIMEOUT,
    /**
     * The function could not initialize: the runtime client posted to {@code /init/error}, or the child JVM
     * exited or stayed silent before it asked for its first invocation.
     */
    INIT_ERROR,
    /** The child JVM exited while the invocation was running; see {@link Invocation#exitCode()}. */
    CRASH
}
