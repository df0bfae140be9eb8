package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.ScopeKey;

/**
 * The logging state of one invocation, attached to its {@link InvocationScope}: the keys appended during it,
 * the correlation id, the debug-sampling decision and the line buffer. Dies with the scope, so nothing leaks
 * into later or concurrent invocations.
 */
public final class LogState {
    public static final ScopeKey<LogState> KEY = ScopeKey.named("logging");

    private volatile KeyValues keys = KeyValues.EMPTY;
    private volatile String correlationId;
    private volatile double samplingRate = Double.NaN;
    private volatile boolean debugSampled;
    private volatile LogBuffer buffer;
    private volatile int bufferLevel = Level.DEBUG_INT;
    private volatile boolean flushOnErrorLog = true;
    private volatile boolean closed;

    /** The state of the current invocation, created on first use; {@code null} outside an invocation. */
    public static LogState current() {
        InvocationScope scope = InvocationScope.current();
        return scope == null ? null : of(scope);
    }

    /** The state of {@code scope}, created on first use. */
    public static LogState of(InvocationScope scope) {
        return scope.state().attachment(KEY, s -> {
            LogState state = new LogState();
            s.state().onClose(state::close);
            return state;
        });
    }

    /** The state of the current invocation if logging touched it; never creates one (hot path). */
    public static LogState peek() {
        InvocationScope scope = InvocationScope.current();
        return scope == null ? null : scope.state().attachment(KEY);
    }

    public KeyValues keys() {
        return keys;
    }

    public synchronized void putKey(String name, Object value) {
        keys = keys.with(name, value);
    }

    public synchronized void removeKey(String name) {
        keys = keys.without(name);
    }

    public String correlationId() {
        return correlationId;
    }

    public void correlationId(String correlationId) {
        this.correlationId = correlationId;
    }

    /** The configured debug sampling rate, or NaN when sampling is off. */
    public double samplingRate() {
        return samplingRate;
    }

    public void sampling(double rate, boolean sampled) {
        this.samplingRate = rate;
        this.debugSampled = sampled;
    }

    /** Whether this invocation was picked to log at DEBUG. */
    public boolean debugSampled() {
        return debugSampled;
    }

    public void buffering(LogBuffer buffer, int levelInt, boolean flushOnErrorLog) {
        this.bufferLevel = levelInt;
        this.flushOnErrorLog = flushOnErrorLog;
        this.buffer = buffer;
    }

    /** The buffer for lines at or below {@link #bufferLevel()}, or {@code null} when not buffering. */
    public LogBuffer buffer() {
        return closed ? null : buffer;
    }

    public int bufferLevel() {
        return bufferLevel;
    }

    public boolean flushOnErrorLog() {
        return flushOnErrorLog;
    }

    /** Writes the buffered lines of {@code scope}, if any. */
    public void flushBuffer(InvocationScope scope) {
        LogBuffer current = buffer;
        if (current != null) {
            current.flush(scope.requestId(), scope.traceId());
        }
    }

    /**
     * Writes the buffered lines of {@code scope} shortly before its deadline; from then on its lines are written
     * as they come, since Lambda stops the function at the deadline with whatever is still held.
     */
    public void flushBufferAtDeadline(InvocationScope scope) {
        LogBuffer current = buffer;
        if (current != null) {
            current.flushAndPassThrough(scope.requestId(), scope.traceId());
        }
    }

    /** Drops the buffered lines, if any. */
    public void clearBuffer() {
        LogBuffer current = buffer;
        if (current != null) {
            current.clear();
        }
    }

    /** The invocation ended: buffered lines are dropped, later lines (stray threads) are written directly. */
    void close() {
        closed = true;
        clearBuffer();
    }
}
