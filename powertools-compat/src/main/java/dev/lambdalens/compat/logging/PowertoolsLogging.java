package dev.lambdalens.compat.logging;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.logging.LoggingInterceptor;
import dev.lambdalens.logging.LoggingSettings;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Powertools v2's {@code software.amazon.lambda.powertools.logging.PowertoolsLogging}, the functional form of
 * {@code @Logging}, over {@link LambdaLogging}: {@code withLogging(context, () -> ...)} runs the block as one
 * invocation of Lambda Lens's logging interceptor (lines carry the invocation's keys, the correlation id, debug
 * sampling applies), then clears the invocation's keys and the handler thread's MDC, as Powertools does. Like
 * Powertools' form it does not log the event, the response or an error. Inside a handler that already has
 * {@code @Logging} (or an {@code ObservedHandler}) the block joins that invocation.
 *
 * <p>Sampling: as in Powertools, {@code POWERTOOLS_LOGGER_SAMPLE_RATE}, when set to a number, wins over the
 * rate given here; a rate outside 0 to 1 is reported once and ignored.
 *
 * <p>Powertools' {@code initializeLogging(...)} and {@code clearState(...)} have no counterpart: Lambda Lens keeps
 * an invocation's logging state in its invocation scope, which a block must open and close, so use
 * {@code withLogging} (or {@code ObservedHandler.wrap(...).with(LambdaLogging.builder()...build())}).
 */
public final class PowertoolsLogging {

    private PowertoolsLogging() {
    }

    /** Runs {@code supplier} with logging set up for {@code context}; returns what it returns. */
    public static <T> T withLogging(Context context, Supplier<T> supplier) {
        return run(context, null, null, null, supplier);
    }

    /** {@link #withLogging(Context, Supplier)} with a debug sampling rate (0 to 1). */
    public static <T> T withLogging(Context context, double samplingRate, Supplier<T> supplier) {
        return run(context, samplingRate, null, null, supplier);
    }

    /** {@link #withLogging(Context, Supplier)} with the correlation id taken from {@code event} at the path. */
    public static <T> T withLogging(Context context, String correlationIdPath, Object event, Supplier<T> supplier) {
        return run(context, null, correlationIdPath, event, supplier);
    }

    /** {@link #withLogging(Context, Supplier)} with a sampling rate and a correlation id path. */
    public static <T> T withLogging(Context context, double samplingRate, String correlationIdPath, Object event,
                                    Supplier<T> supplier) {
        return run(context, samplingRate, correlationIdPath, event, supplier);
    }

    /**
     * Writes the lines the current invocation holds: Lambda Lens's own buffer ({@code @Logging(bufferLogs =
     * true)}) and that of every {@link BufferingAppender}.
     */
    public static void flushBuffer() {
        LambdaLogging.flushBuffer();
        BufferingAppender.flushCurrent();
    }

    /** Drops the lines the current invocation holds, in Lambda Lens's buffer and every {@link BufferingAppender}. */
    public static void clearBuffer() {
        LambdaLogging.clearBuffer();
        BufferingAppender.clearCurrent();
    }

    @SuppressWarnings("unchecked")
    private static <T> T run(Context context, Double samplingRate, String correlationIdPath, Object event,
                             Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        LensRuntime runtime = LensRuntime.global();
        LoggingInterceptor interceptor = interceptor(runtime, samplingRate, correlationIdPath);
        try {
            return (T) Interception.around(runtime, context, event, List.of(interceptor), supplier::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // A Supplier cannot throw checked exceptions; one thrown sneakily is passed on untouched.
            throw PowertoolsLogging.<RuntimeException>sneaky(e);
        }
    }

    private static LoggingInterceptor interceptor(LensRuntime runtime, Double samplingRate, String path) {
        LambdaLogging.Builder builder = LambdaLogging.builder().runtime(runtime)
                .logEvent(false).logResponse(false).logError(false).clearState(true);
        if (samplingRate != null && !sampleRateFromEnvironment(runtime)) {
            if (samplingRate >= 0 && samplingRate <= 1) {
                builder.samplingRate(samplingRate);
            } else {
                runtime.diagnostics().reportOnce("compat:sampling-rate", "PowertoolsLogging.withLogging got the "
                        + "sampling rate " + samplingRate + ", outside 0 to 1; it is ignored");
            }
        }
        if (path != null && !path.isEmpty()) {
            builder.correlationIdPath(path);
        }
        return builder.build();
    }

    private static boolean sampleRateFromEnvironment(LensRuntime runtime) {
        String value = runtime.configuration().get(LoggingSettings.SAMPLE_RATE, null);
        if (value == null) {
            return false;
        }
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
