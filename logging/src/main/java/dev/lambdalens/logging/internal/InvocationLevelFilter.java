package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Lowers the log level for one invocation only: to DEBUG when debug sampling picked it, and to the buffer level
 * when it buffers lines (they are held, and written only if the invocation fails). The decision is read from the
 * invocation's {@link LogState}, never from a global, so it cannot leak into other invocations.
 *
 * <p>Loggers configured quieter than the root logger (a chatty library set to WARN) stay as configured.
 * Installed only when some handler asks for sampling or buffering; otherwise logging pays nothing for it.
 */
public final class InvocationLevelFilter extends TurboFilter {
    private static final String NAME = "lambda-lens-invocation-level";

    /** Adds the filter to {@code context} once. */
    public static void installOn(LoggerContext context) {
        synchronized (context) {
            for (TurboFilter filter : context.getTurboFilterList()) {
                if (filter instanceof InvocationLevelFilter) {
                    return;
                }
            }
            InvocationLevelFilter filter = new InvocationLevelFilter();
            filter.setName(NAME);
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null) {
            return FilterReply.NEUTRAL;
        }
        LogState state = LogState.peek();
        if (state == null) {
            return FilterReply.NEUTRAL;
        }
        int wanted = level.levelInt;
        int effective = logger.getEffectiveLevel().levelInt;
        if (wanted >= effective) {
            return FilterReply.NEUTRAL;
        }
        Logger root = logger.getLoggerContext().getLogger(Logger.ROOT_LOGGER_NAME);
        if (effective > root.getEffectiveLevel().levelInt) {
            return FilterReply.NEUTRAL;
        }
        if (state.debugSampled() && wanted >= Level.DEBUG_INT) {
            return FilterReply.ACCEPT;
        }
        if (state.buffer() != null && wanted <= state.bufferLevel()) {
            return FilterReply.ACCEPT;
        }
        return FilterReply.NEUTRAL;
    }
}
