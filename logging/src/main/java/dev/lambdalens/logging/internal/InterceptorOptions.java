package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;

import java.time.Duration;

/**
 * The resolved options of one logging interceptor: the builder's values over {@link dev.lambdalens.logging.LoggingSettings}
 * over the defaults. Immutable.
 */
public final class InterceptorOptions {
    public final boolean logEvent;
    public final boolean logResponse;
    public final boolean logError;
    public final String correlationIdPath;
    public final double samplingRate;
    public final boolean clearState;
    public final boolean buffering;
    public final Level bufferLevel;
    public final long bufferMaxBytes;
    public final boolean flushBufferOnErrorLog;
    public final Duration deadlineMargin;

    public InterceptorOptions(boolean logEvent, boolean logResponse, boolean logError, String correlationIdPath,
                           double samplingRate, boolean clearState, boolean buffering, Level bufferLevel,
                           long bufferMaxBytes, boolean flushBufferOnErrorLog, Duration deadlineMargin) {
        this.logEvent = logEvent;
        this.logResponse = logResponse;
        this.logError = logError;
        this.correlationIdPath = correlationIdPath;
        this.samplingRate = samplingRate;
        this.clearState = clearState;
        this.buffering = buffering;
        this.bufferLevel = bufferLevel;
        this.bufferMaxBytes = bufferMaxBytes;
        this.flushBufferOnErrorLog = flushBufferOnErrorLog;
        this.deadlineMargin = deadlineMargin;
    }
}
