package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.Encoder;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.Aspects;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.logging.LambdaJsonAppender;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;

/**
 * Logging's priming: a throwaway invocation through the real logging interceptor (with a correlation id read from
 * a typed event, and the event and response logged) whose lines (one with a key-value pair and a masked name) go
 * through the real appender and encoder into a sink that drops them, the {@code @Logging} aspect's classes loaded,
 * and the same line encoded by every Lambda Lens appender of the function's Logback configuration. Nothing is
 * written, nothing buffered, no state left.
 */
public final class LoggingPrimer implements Primer {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("dev.lambdalens.logging.Priming");

    @Override
    public void prime(LensRuntime runtime) {
        Object primingEvent = typedEvent();
        PrimingInvocation.run(runtime, primingRuntime -> LambdaLogging.builder().runtime(primingRuntime)
                        .correlationIdPath("requestContext.requestId").logEvent(true).logResponse(true).build(),
                primingEvent, context -> {
                    LOG.info("primed {}", StructuredArguments.kv("password", "priming"), StructuredArguments.kv("n", 1));
                    return primingEvent;
                });
        // What the aspect loads at its first join point: the annotation type and the named class of its advice.
        Aspects.initialize("dev.lambdalens.logging.Logging");
        Aspects.initialize("dev.lambdalens.logging.internal.LoggingAspect");
        Aspects.initialize("dev.lambdalens.logging.internal.LoggingAspect$Proceed");
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return;
        }
        Logger root = ((LoggerContext) factory).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.INFO, "primed {}", null,
                new Object[] {StructuredArguments.kv("password", "priming"), StructuredArguments.kv("n", 1)});
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof LambdaJsonAppender) {
                Encoder<ILoggingEvent> encoder = ((LambdaJsonAppender) appender).getEncoder();
                if (encoder != null && encoder.isStarted()) {
                    encoder.encode(event);
                }
            }
        }
    }

    /**
     * An event of aws-lambda-java-events when the function has that library (nearly every Java function does), so
     * that the writer of typed events and its per-class names are loaded here; else a bean of our own.
     */
    private static Object typedEvent() {
        try {
            return Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent", true,
                    LoggingPrimer.class.getClassLoader()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new PrimingEvent();
        }
    }

    /** The event without aws-lambda-java-events: a user's bean, written through Jackson. Public for Jackson. */
    public static final class PrimingEvent {
        public Map<String, String> getRequestContext() {
            return Map.of("requestId", "priming");
        }

        public String getPassword() {
            return "priming";
        }
    }
}
