package dev.lambdalens.logging;

import ch.qos.logback.classic.LoggerContext;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.internal.EnvironmentRandom;
import dev.lambdalens.logging.internal.EventPath;
import dev.lambdalens.logging.internal.InterceptorOptions;
import dev.lambdalens.logging.internal.InvocationLevelFilter;
import dev.lambdalens.logging.internal.LogBuffer;
import dev.lambdalens.logging.internal.LogLevels;
import dev.lambdalens.logging.internal.LogState;
import dev.lambdalens.logging.internal.MdcCarrier;
import dev.lambdalens.logging.internal.PayloadArgument;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.InputStream;

/**
 * Logging's part in an invocation, built by {@link LambdaLogging#builder()} (or {@link LambdaLogging#interceptor()}
 * for the defaults) and used by {@code @Logging} and {@code ObservedHandler} alike: sets up the invocation's {@link LogState} (correlation id, sampling
 * decision, buffer), logs the event, the response or the uncaught error, flushes held lines when the
 * invocation fails or is about to time out, and drops them when it succeeds.
 */
public final class LoggingInterceptor implements InvocationInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger("dev.lambdalens.logging.LambdaLogging");

    /** Powertools' messages of the three lines, so Logs Insights queries written for Powertools keep matching. */
    static final String EVENT_MESSAGE = "Handler Event";
    static final String RESPONSE_MESSAGE = "Handler Response";
    static final String ERROR_MESSAGE = "Exception in Lambda Handler";

    private final InterceptorOptions settings;
    /** The event, response and error lines' logger: the handler class, as Powertools' {@code logger}. */
    private final Logger handlerLog;
    private final EventPath correlationPath;
    private final IllegalArgumentException correlationPathError;

    LoggingInterceptor(InterceptorOptions settings, String loggerName, LensRuntime runtime) {
        this.settings = settings;
        this.handlerLog = loggerName == null ? LOG : LoggerFactory.getLogger(loggerName);
        EventPath path = null;
        IllegalArgumentException error = null;
        if (settings.correlationIdPath != null && !settings.correlationIdPath.isBlank()) {
            try {
                path = EventPath.compile(settings.correlationIdPath);
            } catch (IllegalArgumentException e) {
                error = e; // Reported at the first invocation: never fail the function's initialization.
            }
        }
        this.correlationPath = path;
        this.correlationPathError = error;
        runtime.addCarrier(MdcCarrier.INSTANCE);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            LoggerContext context = (LoggerContext) factory;
            LogLevels.apply(context, runtime.configuration(), runtime.diagnostics());
            if (settings.samplingRate > 0 || settings.buffering) {
                InvocationLevelFilter.installOn(context);
            }
        }
    }

    /** Whether this interceptor logs the incoming event (resolved from the builder, the environment, the default). */
    public boolean logsEvent() {
        return settings.logEvent;
    }

    @Override
    public void beforeHandler(InvocationScope scope, Object event) {
        // The invocation's state is created only when this interceptor has something to keep in it (or when the
        // handler appends a key): an invocation without correlation id, sampling or buffering needs none.
        if (correlationPathError != null) {
            scope.runtime().diagnostics().reportOnce("logging:correlation-path:" + settings.correlationIdPath,
                    correlationPathError.getMessage() + "; lines carry no correlation_id");
        } else if (correlationPath != null) {
            LogState.of(scope).correlationId(correlationId(event, scope.runtime().diagnostics()));
        }
        if (settings.samplingRate > 0) {
            // Not ThreadLocalRandom alone: environments restored from one snapshot would all sample alike.
            boolean sampled = EnvironmentRandom.nextDouble() < settings.samplingRate;
            LogState.of(scope).sampling(settings.samplingRate, sampled);
            if (sampled) {
                LOG.debug("This invocation logs at DEBUG: it was picked by the sampling rate {}",
                        settings.samplingRate);
            }
        }
        if (settings.buffering) {
            LogState state = LogState.of(scope);
            state.buffering(new LogBuffer(settings.bufferMaxBytes), settings.bufferLevel.levelInt,
                    settings.flushBufferOnErrorLog);
            // Lambda kills a function that times out; its held lines are written just before that, and the
            // lines after that moment as they come.
            scope.state().beforeDeadline(settings.deadlineMargin, () -> state.flushBufferAtDeadline(scope));
        }
        if (settings.logEvent) {
            handlerLog.info(EVENT_MESSAGE, new PayloadArgument("event", loggable(event), scope.runtime().diagnostics()));
        }
    }

    @Override
    public void afterSuccess(InvocationScope scope, Object event, Object response) {
        if (settings.logResponse) {
            handlerLog.info(RESPONSE_MESSAGE, new PayloadArgument("response", response, scope.runtime().diagnostics()));
        }
    }

    @Override
    public void afterFailure(InvocationScope scope, Object event, Throwable error) {
        LogState state = scope.state().attachment(LogState.KEY);
        if (state != null) {
            state.flushBuffer(scope);
        }
        if (settings.logError) {
            handlerLog.error(ERROR_MESSAGE, error);
        }
    }

    @Override
    public void afterHandler(InvocationScope scope) {
        LogState state = scope.state().attachment(LogState.KEY);
        if (state != null) {
            state.clearBuffer();
        }
        if (settings.clearState) {
            MDC.clear();
        }
    }

    private String correlationId(Object event, Diagnostics diagnostics) {
        if (event == null || event instanceof String || event instanceof InputStream || event instanceof byte[]) {
            return null;
        }
        try {
            // Maps and typed events (SQSEvent, S3ObjectLambdaEvent, ...) alike, by Lambda's keys: see EventPath.
            return correlationPath.evaluate(event);
        } catch (RuntimeException e) {
            diagnostics.reportOnce("logging:correlation-event:" + event.getClass().getName(),
                    "could not read the correlation id from a " + event.getClass().getName(), e);
            return null;
        }
    }

    private static Object loggable(Object event) {
        if (event instanceof InputStream) {
            return "[Lambda Lens: a stream event is logged only through @Logging, which can read it]";
        }
        return event;
    }
}
