package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.lambdalens.core.internal.JsonText;
import dev.lambdalens.core.spi.MaskingPolicy;

/**
 * The {@code error} object of a line that had to be cut for size: the exception's class whole, its message and
 * its stack (with causes) cut to a budget of characters, so that the type and where it was thrown survive even
 * when a 1 MB message made the line too long. Rare path.
 */
final class CutError {
    /** Appended to every text that was cut. */
    static final String MARKER = "...[truncated]";
    /** Causes followed at most; logback's proxies already stop at a circular reference. */
    private static final int MAX_CAUSES = 20;
    /** The share of a cut throwable's message in its stack's header lines. */
    private static final int HEADER_MESSAGE_CHARS = 200;

    private CutError() {
    }

    /**
     * Appends {@code ,"error":{"name":..,"message":..,"stack":..}} using at most about {@code budget} characters
     * of text (names of classes count, JSON escaping is the caller's margin).
     */
    static void append(StringBuilder line, IThrowableProxy error, int budget, MaskingPolicy masking) {
        String name = clip(String.valueOf(error.getClassName()), Math.max(64, budget / 4));
        int left = Math.max(0, budget - name.length());
        line.append(",\"error\":{\"name\":");
        JsonText.appendQuoted(line, name);
        String message = masking.maskText(error.getMessage());
        if (message != null) {
            String cut = clip(message, left / 3);
            left -= cut.length();
            line.append(",\"message\":");
            JsonText.appendQuoted(line, cut);
        }
        line.append(",\"stack\":");
        JsonText.appendQuoted(line, stack(error, left, masking));
        line.append('}');
    }

    /** The stack as logback writes it (header line, frames, causes), each header's message cut, all within {@code budget}. */
    private static String stack(IThrowableProxy error, int budget, MaskingPolicy masking) {
        StringBuilder stack = new StringBuilder(Math.min(budget, 8192) + MARKER.length());
        IThrowableProxy current = error;
        for (int depth = 0; current != null && depth <= MAX_CAUSES; depth++) {
            StringBuilder block = new StringBuilder(256);
            if (depth > 0) {
                block.append("Caused by: ");
            }
            block.append(current.getClassName());
            if (current.getMessage() != null) {
                block.append(": ").append(clip(masking.maskText(current.getMessage()), HEADER_MESSAGE_CHARS));
            }
            if (!add(stack, block, budget)) {
                return stack.toString();
            }
            StackTraceElementProxy[] frames = current.getStackTraceElementProxyArray();
            int shown = frames == null ? 0 : frames.length - Math.max(0, current.getCommonFrames());
            for (int i = 0; i < shown; i++) {
                block.setLength(0);
                block.append("\n\tat ").append(frames[i].getStackTraceElement());
                if (!add(stack, block, budget)) {
                    return stack.toString();
                }
            }
            if (current.getCommonFrames() > 0) {
                block.setLength(0);
                block.append("\n\t... ").append(current.getCommonFrames()).append(" common frames omitted");
                if (!add(stack, block, budget)) {
                    return stack.toString();
                }
            }
            current = current.getCause();
            if (current != null) {
                stack.append('\n');
            }
        }
        return stack.toString();
    }

    /** Adds {@code part} if it fits the budget; otherwise what fits of it and the marker, and says to stop. */
    private static boolean add(StringBuilder stack, CharSequence part, int budget) {
        if (stack.length() + part.length() <= budget) {
            stack.append(part);
            return true;
        }
        stack.append(clip(part.toString(), Math.max(0, budget - stack.length())));
        return false;
    }

    /** {@code text} cut to {@code max} characters, never inside a surrogate pair, with the marker when cut. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).concat(MARKER);
    }
}
