package dev.lambdalens.compat.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.ScopeKey;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Powertools v2's logback {@code BufferingAppender}, configured by the same XML: during an invocation, events at
 * or below {@code bufferAtVerbosity} (DEBUG by default) are held for that invocation instead of going to the
 * attached appenders; an ERROR event writes them first when {@code flushOnErrorLog} (true by default);
 * {@code PowertoolsLogging.flushBuffer()} / {@code clearBuffer()} write or drop them by hand; at the end of the
 * invocation what is still held is dropped. {@code maxBytes} (20480 by default) bounds one invocation's buffer by
 * the summed length of the held messages, as Powertools counts it; when events were evicted, a WARN event with
 * Powertools' message comes before the flushed ones. Outside an invocation (init code) events go straight on.
 *
 * <pre>{@code
 * <appender name="JsonAppender" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.lambdalens.logging.LambdaJsonEncoder"/>
 * </appender>
 * <appender name="BufferedJsonAppender" class="dev.lambdalens.compat.logging.BufferingAppender">
 *   <maxBytes>20480</maxBytes>
 *   <bufferAtVerbosity>DEBUG</bufferAtVerbosity>
 *   <flushOnErrorLog>true</flushOnErrorLog>
 *   <appender-ref ref="JsonAppender"/>
 * </appender>
 * }</pre>
 *
 * <p>Where it differs from Powertools: the buffer belongs to the invocation (Lambda Lens's invocation scope), not
 * to a trace id, so invocations that share a trace id or run at once in one JVM never mix their lines, and
 * nothing is left behind by an invocation that did not clear its buffer; on an ERROR event the held events are
 * written before the error, in the order they were logged; shortly before the invocation's deadline (300 ms)
 * the held events are written, so a function that times out still shows them. The held events are replayed on
 * the thread that flushes, with the invocation current, so Lambda Lens's encoder gives them the invocation's
 * ids; their message, level, logger, thread, time and MDC are those of when they were logged.
 */
public class BufferingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    static final String EVICTION_WARNING = "Some logs are not displayed because they were evicted from the buffer. "
            + "Increase buffer size to store more logs in the buffer.";
    private static final int DEFAULT_MAX_BYTES = 20480;
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(300);
    /** Started instances, for PowertoolsLogging.flushBuffer() and clearBuffer(). */
    private static final Set<BufferingAppender> STARTED = new CopyOnWriteArraySet<>();

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    /** One per appender: two BufferingAppenders in one configuration hold their events apart. */
    private final ScopeKey<HeldEvents> key = ScopeKey.named("compat-buffering-appender");
    private volatile int bufferAtVerbosity = Level.DEBUG_INT;
    private volatile boolean flushOnErrorLog = true;
    private volatile int maxBytes = DEFAULT_MAX_BYTES;

    /** TRACE, DEBUG, INFO, WARN (or WARNING) or ERROR; anything else keeps DEBUG and is reported. */
    public void setBufferAtVerbosity(String level) {
        String name = level == null ? "" : level.trim();
        if (name.equalsIgnoreCase("WARNING")) {
            name = "WARN";
        }
        Level parsed = Level.toLevel(name, null);
        if (parsed == null || parsed.levelInt > Level.ERROR_INT || parsed.levelInt < Level.TRACE_INT) {
            addError("bufferAtVerbosity must be TRACE, DEBUG, INFO, WARN or ERROR, was '" + level
                    + "'; DEBUG is used");
            return;
        }
        bufferAtVerbosity = parsed.levelInt;
    }

    /** The bound of one invocation's buffer, in characters of held messages; a value below 1 is reported. */
    public void setMaxBytes(int maxBytes) {
        if (maxBytes < 1) {
            addError("maxBytes must be positive, was " + maxBytes + "; " + DEFAULT_MAX_BYTES + " is used");
            return;
        }
        this.maxBytes = maxBytes;
    }

    public void setFlushOnErrorLog(boolean flushOnErrorLog) {
        this.flushOnErrorLog = flushOnErrorLog;
    }

    @Override
    public void start() {
        if (!appenders.iteratorForAppenders().hasNext()) {
            addWarn("BufferingAppender '" + getName() + "' has no appender-ref: its events go nowhere");
        }
        super.start();
        STARTED.add(this);
    }

    @Override
    public void stop() {
        STARTED.remove(this);
        super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        InvocationScope scope = InvocationScope.current();
        if (scope == null || scope.isClosed()) {
            appenders.appendLoopOnAppenders(event);
            return;
        }
        int level = event.getLevel().levelInt;
        boolean flushFirst = level >= Level.ERROR_INT && flushOnErrorLog;
        if (level <= bufferAtVerbosity) {
            // Kept past this call: message, MDC and thread name are fixed now, as logback's async appenders do.
            event.prepareForDeferredProcessing();
            if (held(scope).add(event)) {
                if (flushFirst) {
                    flush(scope);
                }
                return;
            }
            // Past the deadline flush nothing is held: the event is written now or it would be lost.
        } else if (flushFirst) {
            flush(scope);
        }
        appenders.appendLoopOnAppenders(event);
    }

    private HeldEvents held(InvocationScope scope) {
        return scope.state().attachment(key, s -> {
            HeldEvents events = new HeldEvents(maxBytes);
            // Runs on the deadline watch thread with the scope current, so the lines keep their ids.
            s.state().beforeDeadline(DEADLINE_MARGIN, () -> flushAndPassThrough(s));
            s.state().onClose(events::clear);
            return events;
        });
    }

    /** Writes what the invocation holds here to the attached appenders, oldest first. */
    void flush(InvocationScope scope) {
        HeldEvents events = scope.state().attachment(key);
        if (events != null) {
            write(events.take(false));
        }
    }

    /** The last flush before the deadline: from now on this invocation's events are written at once. */
    private void flushAndPassThrough(InvocationScope scope) {
        HeldEvents events = scope.state().attachment(key);
        if (events != null) {
            write(events.take(true));
        }
    }

    private void write(HeldEvents.Taken taken) {
        if (taken.evicted) {
            appenders.appendLoopOnAppenders(evictionWarning());
        }
        for (ILoggingEvent event : taken.events) {
            appenders.appendLoopOnAppenders(event);
        }
    }

    void clear(InvocationScope scope) {
        HeldEvents events = scope.state().attachment(key);
        if (events != null) {
            events.clear();
        }
    }

    private ILoggingEvent evictionWarning() {
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(BufferingAppender.class);
        LoggingEvent warning = new LoggingEvent(BufferingAppender.class.getName(), logger, Level.WARN,
                EVICTION_WARNING, null, null);
        warning.setTimeStamp(System.currentTimeMillis());
        return warning;
    }

    /** Writes the current invocation's held events of every started BufferingAppender. */
    static void flushCurrent() {
        InvocationScope scope = InvocationScope.current();
        if (scope != null) {
            for (BufferingAppender appender : STARTED) {
                appender.flush(scope);
            }
        }
    }

    /** Drops the current invocation's held events of every started BufferingAppender. */
    static void clearCurrent() {
        InvocationScope scope = InvocationScope.current();
        if (scope != null) {
            for (BufferingAppender appender : STARTED) {
                appender.clear(scope);
            }
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
