package dev.lambdalens.testing;

import java.util.List;
import java.util.Objects;

/**
 * An error reported for an invocation: what the runtime client posted to {@code /invocation/{id}/error} or
 * {@code /init/error}, or, for a timeout or a crash, the error Lambda itself would report.
 *
 * @param type the error type, e.g. {@code java.lang.IllegalStateException} or {@code Runtime.ExitError}
 * @param message the error message, never null (may be empty)
 * @param stackTrace the stack trace lines as the runtime client sent them, empty when none
 */
public record FunctionError(String type, String message, List<String> stackTrace) {

    /** Copies the stack trace and replaces null texts by empty ones. */
    public FunctionError {
        type = Objects.requireNonNullElse(type, "");
        message = Objects.requireNonNullElse(message, "");
        stackTrace = List.copyOf(Objects.requireNonNullElse(stackTrace, List.of()));
    }
}
