package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.internal.JsonText;

/**
 * A debug message on standard error, written only when the function's log level is DEBUG: the module has no
 * logging dependency, and Lambda sends standard error to CloudWatch Logs like standard output.
 */
final class DebugLine {
    private DebugLine() {
    }

    static void write(String message) {
        StringBuilder line = new StringBuilder(96 + message.length())
                .append("{\"level\":\"DEBUG\",\"logger\":\"dev.lambdalens.metrics\",\"message\":");
        JsonText.appendQuoted(line, message);
        System.err.println(line.append('}'));
    }
}
