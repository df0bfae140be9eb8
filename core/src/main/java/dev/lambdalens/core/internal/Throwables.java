package dev.lambdalens.core.internal;

/**
 * Reads an exception without trusting it: a user's exception may override {@code getMessage()},
 * {@code getStackTrace()} or {@code getCause()} with code that throws, and recording the failure must not
 * become a second one (nor hide the first from the runtime). Each accessor answers something usable instead.
 * Used by tracing's documents and by logging's guard for exceptions Logback cannot read.
 */
public final class Throwables {
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private Throwables() {
    }

    /** The message, {@code null} when there is none, or a note naming what {@code getMessage()} threw. */
    public static String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /** The stack, empty when {@code getStackTrace()} throws or returns {@code null}. */
    public static StackTraceElement[] stack(Throwable error) {
        try {
            StackTraceElement[] frames = error.getStackTrace();
            return frames != null ? frames : NO_FRAMES;
        } catch (Throwable e) {
            return NO_FRAMES;
        }
    }

    /** The cause, {@code null} when there is none or {@code getCause()} throws. */
    public static Throwable cause(Throwable error) {
        try {
            return error.getCause();
        } catch (Throwable e) {
            return null;
        }
    }
}
