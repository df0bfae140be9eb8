package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.internal.Throwables;
import org.slf4j.Marker;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * Keeps a logged exception that cannot be read from taking the log call down with it. Logback reads an
 * exception's message, stack, causes and suppressed exceptions while it builds the event, in the caller's
 * thread and before any appender: an exception whose {@code getMessage()} (or {@code getStackTrace()},
 * {@code getCause()}, {@code getSuppressed()}) throws makes {@code log.error("failed", e)} itself throw, so the
 * line is lost and the handler fails at its log call. This filter, which Logback asks before it builds an
 * event, checks such exceptions, and for one that throws logs the same line itself with a stand-in carrying the
 * exception's class name and whatever of it could be read, reports it once, and tells Logback to drop the
 * original call.
 *
 * <p>Costs one {@code instanceof} per log call that has no exception, and a few calls per call that has one.
 */
public final class HostileThrowableFilter extends TurboFilter {
    private static final String LOGGER_FQCN = Logger.class.getName();
    private static final int MAX_CAUSES = 20;

    private final Diagnostics diagnostics;

    public HostileThrowableFilter(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        setName("lambda-lens-hostile-throwable");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        Throwable thrown = t;
        boolean inParams = false;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable) {
            thrown = (Throwable) params[params.length - 1];
            inParams = true;
        }
        if (thrown == null || format == null || readable(thrown)) {
            return FilterReply.NEUTRAL;
        }
        if (!logger.isEnabledFor(level)) {
            return FilterReply.DENY;
        }
        Object[] arguments = inParams ? Arrays.copyOf(params, params.length - 1) : params;
        LoggingEvent event = new LoggingEvent(LOGGER_FQCN, logger, level, format, null, arguments);
        if (marker != null) {
            event.addMarker(marker);
        }
        event.setThrowableProxy(new StandInProxy(thrown));
        diagnostics.reportOnce("logging:hostile-throwable:" + thrown.getClass().getName(), "an exception of type "
                + thrown.getClass().getName() + " throws when it is read (its message, stack or causes); it is "
                + "logged with what could be read of it");
        logger.callAppenders(event);
        return FilterReply.DENY;
    }

    /** Whether Logback can read {@code error} and its causes and suppressed exceptions without a throw. */
    static boolean readable(Throwable error) {
        IdentityHashMap<Throwable, Boolean> seen = null;
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            try {
                current.getMessage();
                current.getStackTrace();
                for (Throwable suppressed : current.getSuppressed()) {
                    if (suppressed != null && !readable(suppressed)) {
                        return false;
                    }
                }
                Throwable next = current.getCause();
                if (next == null || next == current) {
                    return true;
                }
                if (seen == null) {
                    seen = new IdentityHashMap<>();
                }
                if (seen.put(current, Boolean.TRUE) != null) {
                    return true;
                }
                current = next;
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    /** What the line shows of an exception that throws when read: its class, and its message if that reads. */
    private static final class StandInProxy extends ThrowableProxy {
        private final String className;

        StandInProxy(Throwable original) {
            super(standIn(original));
            this.className = original.getClass().getName();
        }

        @Override
        public String getClassName() {
            return className;
        }

        private static Throwable standIn(Throwable original) {
            RuntimeException standIn = new RuntimeException(Throwables.message(original), null, false, true) {
            };
            standIn.setStackTrace(Throwables.stack(original));
            return standIn;
        }
    }
}
