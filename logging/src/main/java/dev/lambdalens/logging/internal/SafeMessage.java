package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.lambdalens.core.Diagnostics;
import org.slf4j.helpers.MessageFormatter;

/**
 * A line's message with its {@code {}} placeholders filled in, as SLF4J fills them, except that an argument
 * whose {@code toString()} throws is reported once through Lambda Lens's diagnostics instead of by SLF4J, which
 * prints a multi-line report to stderr on every such call (breaking a function's JSON-only stderr). Arguments of
 * JDK types, whose {@code toString()} does not throw, and arrays go to SLF4J's formatter as they are, so the
 * text is the same as Logback's.
 */
public final class SafeMessage {
    private SafeMessage() {
    }

    public static String of(ILoggingEvent event, Diagnostics diagnostics) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null || arguments.length == 0 || event.getMessage() == null) {
            return event.getFormattedMessage();
        }
        Object[] safe = null;
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument == null || argument.getClass().isArray() || isJdkType(argument.getClass())) {
                continue;
            }
            String text;
            try {
                text = String.valueOf(argument);
            } catch (RuntimeException | LinkageError e) {
                diagnostics.reportOnce("logging:argument-toString:" + argument.getClass().getName(),
                        "a log argument of type " + argument.getClass().getName() + " throws "
                                + e.getClass().getSimpleName() + " from toString(); it is written as [FAILED toString()]");
                text = "[FAILED toString()]";
            }
            if (safe == null) {
                safe = arguments.clone();
            }
            safe[i] = text;
        }
        if (safe == null) {
            return event.getFormattedMessage();
        }
        // The trailing throwable, if any, is the event's, not a placeholder's: SLF4J's formatter skips it alike.
        return MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage();
    }

    private static boolean isJdkType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.");
    }
}
