package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.logging.internal.LoggingPrimer;
import dev.lambdalens.logging.internal.LogState;
import dev.lambdalens.logging.internal.InterceptorOptions;
import dev.lambdalens.logging.internal.PersistentKeys;
import dev.lambdalens.logging.internal.ReservedKeys;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Structured logging for Lambda handlers, without AspectJ, and the keys every line carries.
 *
 * <pre>{@code
 * RequestHandler<Map<String, Object>, String> observed = ObservedHandler.wrap(this::handle)
 *         .with(LambdaLogging.builder().logEvent(true)
 *                 .correlationIdPath(CorrelationIdPaths.API_GATEWAY_REST).build())
 *         .build();
 * }</pre>
 *
 * <p>Keys: {@link #appendKey(String, Object)} adds a key to every line of the current invocation (including
 * lines of threads it hands work to with the invocation scope) and is dropped when the invocation ends;
 * {@link #appendPersistentKey(String, Object)} adds one to every line until removed. The SLF4J MDC, SLF4J 2
 * key-value pairs ({@code log.atInfo().addKeyValue(...)}) and logstash {@code StructuredArguments} are written
 * too. Reserved names ({@code level}, {@code message}, {@code xray_trace_id}, ...) cannot be overwritten.
 */
public final class LambdaLogging {
    private LambdaLogging() {
    }

    /** The interceptor configured from the environment alone; one shared instance. */
    public static LoggingInterceptor interceptor() {
        return DefaultInterceptor.INSTANCE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs logging's hot path once now (an invocation through the logging interceptor whose lines, with key-value
     * pairs and a masked name, go through the function's JSON appenders and encoder), writing nothing and leaving
     * no state, so the first invocation does not pay for it. A SnapStart function needs no call: Lambda Lens
     * primes every module itself before the snapshot. Call it from init code elsewhere, e.g. with provisioned
     * concurrency. Never throws.
     */
    public static void prime() {
        PrimingInvocation.prime(LensRuntime.global(), new LoggingPrimer());
    }

    /** Adds {@code name} to every line of the current invocation; ignored (and reported) outside one. */
    public static void appendKey(String name, Object value) {
        if (name == null) {
            diagnostics().reportOnce("logging:null-key", "LambdaLogging.appendKey got a null key; the value is "
                    + "not logged (Lambda Lens reports this instead of throwing into the handler)");
            return;
        }
        LogState state = invocationState("appendKey");
        if (state != null && allowed(name)) {
            if (value == null) {
                state.removeKey(name);
            } else {
                state.putKey(name, value);
            }
        }
    }

    /** {@link #appendKey(String, Object)} for each entry. */
    public static void appendKeys(Map<String, ?> keys) {
        if (keys == null) {
            diagnostics().reportOnce("logging:null-keys", "LambdaLogging.appendKeys got null; no key is added");
            return;
        }
        keys.forEach(LambdaLogging::appendKey);
    }

    /** Removes a key of the current invocation. */
    public static void removeKey(String name) {
        LogState state = LogState.peek();
        if (state != null && name != null) {
            state.removeKey(name);
        }
    }

    /** {@link #removeKey(String)} for each name. */
    public static void removeKeys(String... names) {
        for (String name : names) {
            removeKey(name);
        }
    }

    /** Adds {@code name} to every line of every invocation in this execution environment until removed. */
    public static void appendPersistentKey(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (!allowed(name)) {
            return;
        }
        if (value == null) {
            PersistentKeys.remove(name);
        } else {
            PersistentKeys.put(name, value);
        }
    }

    public static void removePersistentKey(String name) {
        PersistentKeys.remove(Objects.requireNonNull(name, "name"));
    }

    /** Sets the {@code correlation_id} of the current invocation's lines. */
    public static void setCorrelationId(String correlationId) {
        LogState state = invocationState("setCorrelationId");
        if (state != null) {
            state.correlationId(correlationId);
        }
    }

    /** The current invocation's correlation id, or {@code null}. */
    public static String getCorrelationId() {
        LogState state = LogState.peek();
        return state == null ? null : state.correlationId();
    }

    /** Writes the lines the current invocation holds in its buffer, now. */
    public static void flushBuffer() {
        InvocationScope scope = InvocationScope.current();
        LogState state = LogState.peek();
        if (scope != null && state != null) {
            state.flushBuffer(scope);
        }
    }

    /** Drops the lines the current invocation holds in its buffer. */
    public static void clearBuffer() {
        LogState state = LogState.peek();
        if (state != null) {
            state.clearBuffer();
        }
    }

    private static LogState invocationState(String method) {
        InvocationScope scope = InvocationScope.current();
        if (scope == null) {
            diagnostics().reportOnce("logging:outside-invocation:" + method, "LambdaLogging." + method
                    + " was called outside an invocation and is ignored; use appendPersistentKey for keys of"
                    + " every invocation, or hand work to threads with InvocationScope.wrap");
            return null;
        }
        return LogState.of(scope);
    }

    private static boolean allowed(String name) {
        if (ReservedKeys.isReserved(name)) {
            diagnostics().reportOnce("logging:reserved-key:" + name, "the log key '" + name
                    + "' is reserved by Lambda Lens and cannot be overwritten; it was not added");
            return false;
        }
        return true;
    }

    private static Diagnostics diagnostics() {
        InvocationScope scope = InvocationScope.current();
        return scope != null ? scope.runtime().diagnostics() : LensRuntime.global().diagnostics();
    }

    private static final class DefaultInterceptor {
        static final LoggingInterceptor INSTANCE = new Builder().build();
    }

    /**
     * Options of a logging interceptor. Each option not set here comes from its environment variable, else
     * from its default.
     */
    public static final class Builder {
        private Boolean logEvent;
        private Boolean logResponse;
        private Boolean logError;
        private String correlationIdPath;
        private Double samplingRate;
        private String loggerName;
        private boolean clearState;
        private Boolean buffering;
        private Level bufferLevel;
        private Long bufferMaxBytes;
        private boolean flushBufferOnErrorLog = true;
        private Duration deadlineMargin = Duration.ofMillis(300);
        private LensRuntime runtime;

        private Builder() {
        }

        /** Logs the incoming event at INFO, masked. Default: {@code POWERTOOLS_LOGGER_LOG_EVENT}, else false. */
        public Builder logEvent(boolean logEvent) {
            this.logEvent = logEvent;
            return this;
        }

        /** Logs the handler's response at INFO, masked. Default: {@code POWERTOOLS_LOGGER_LOG_RESPONSE}. */
        public Builder logResponse(boolean logResponse) {
            this.logResponse = logResponse;
            return this;
        }

        /** Logs an uncaught error at ERROR. Default: {@code POWERTOOLS_LOGGER_LOG_ERROR}, else false. */
        public Builder logError(boolean logError) {
            this.logError = logError;
            return this;
        }

        /** The event path of the correlation id; see {@link CorrelationIdPaths} for the supported syntax. */
        public Builder correlationIdPath(String path) {
            this.correlationIdPath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The share of invocations (0 to 1) that log at DEBUG, when {@code POWERTOOLS_LOGGER_SAMPLE_RATE} holds no
         * usable rate: as in Powertools, that variable wins over code.
         */
        public Builder samplingRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("samplingRate must be between 0 and 1, was " + rate);
            }
            this.samplingRate = rate;
            return this;
        }

        /**
         * The logger name of the event, response and error lines. Default: the handler class, as Powertools
         * writes them (the annotated method's class with {@code @Logging}; the class of Lambda's {@code _HANDLER}
         * in plain Java), else {@code dev.lambdalens.logging.LambdaLogging}.
         */
        public Builder loggerName(String loggerName) {
            this.loggerName = Objects.requireNonNull(loggerName, "loggerName");
            return this;
        }

        /** Also clears the handler thread's MDC when an invocation ends. */
        public Builder clearState(boolean clearState) {
            this.clearState = clearState;
            return this;
        }

        /** Holds low-level lines per invocation; written only on error. Default: {@code LAMBDA_LENS_LOG_BUFFER}. */
        public Builder buffering(boolean buffering) {
            this.buffering = buffering;
            return this;
        }

        /** The most severe level that is buffered, TRACE to WARN (ERROR lines are never held); DEBUG by default. */
        public Builder bufferLevel(Level level) {
            Objects.requireNonNull(level, "level");
            if (level.levelInt >= Level.ERROR_INT) {
                throw new IllegalArgumentException("bufferLevel must be TRACE, DEBUG, INFO or WARN, was " + level);
            }
            this.bufferLevel = level;
            return this;
        }

        /** The bound of one invocation's buffer, in bytes of output; 20480 by default. */
        public Builder bufferMaxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("bufferMaxBytes must be positive, was " + maxBytes);
            }
            this.bufferMaxBytes = maxBytes;
            return this;
        }

        /** Whether an ERROR line writes the buffer first; true by default. */
        public Builder flushBufferOnErrorLog(boolean flush) {
            this.flushBufferOnErrorLog = flush;
            return this;
        }

        /** How long before the deadline buffered lines are written if the invocation still runs; 300 ms. */
        public Builder deadlineMargin(Duration margin) {
            this.deadlineMargin = Objects.requireNonNull(margin, "margin");
            return this;
        }

        /** The runtime whose configuration and diagnostics are used; {@link LensRuntime#global()} by default. */
        public Builder runtime(LensRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /**
         * The interceptor for {@code ObservedHandler.wrap(handler).with(...)}: the values set here, over the
         * runtime's {@link LoggingSettings} (read now), over the defaults. Never throws for bad settings.
         */
        public LoggingInterceptor build() {
            LensRuntime lens = runtime != null ? runtime : LensRuntime.global();
            LoggingSettings env = LoggingSettings.from(lens.configuration(), lens.diagnostics());
            return new LoggingInterceptor(new InterceptorOptions(
                    logEvent != null ? logEvent : env.logEvent(),
                    logResponse != null ? logResponse : env.logResponse(),
                    logError != null ? logError : env.logError(),
                    correlationIdPath,
                    env.samplingRateSet() || samplingRate == null ? env.samplingRate() : samplingRate,
                    clearState,
                    buffering != null ? buffering : env.buffering(),
                    bufferLevel != null ? bufferLevel : env.bufferLevel(),
                    bufferMaxBytes != null ? bufferMaxBytes : env.bufferMaxBytes(),
                    flushBufferOnErrorLog, deadlineMargin),
                    loggerName != null ? loggerName : env.handlerClass(), lens);
        }
    }
}
