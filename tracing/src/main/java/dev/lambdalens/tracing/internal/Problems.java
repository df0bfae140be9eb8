package dev.lambdalens.tracing.internal;

/** Where tracing reports a problem of the library or of its input: once per key, never by throwing. */
@FunctionalInterface
interface Problems {
    void report(String key, String message, Throwable cause);
}
