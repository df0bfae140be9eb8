package dev.lambdalens.compat.migration;

/**
 * Powertools v2's API as far as the migrated handler uses it, with Powertools 2.10's signatures, so that the
 * recipe runs on type-attributed sources (Powertools itself is not a dependency of this build).
 */
final class PowertoolsStubs {
    static final String[] SOURCES = {
            """
            package com.amazonaws.xray.entities;
            public interface Subsegment {
                void putAnnotation(String key, String value);
                void putMetadata(String key, Object value);
            }
            """,
            """
            package software.amazon.lambda.powertools.logging;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
            public @interface Logging {
                boolean logEvent() default false;
                boolean logResponse() default false;
                boolean logError() default false;
                double samplingRate() default 0;
                String correlationIdPath() default "";
                boolean clearState() default false;
                boolean flushBufferOnUncaughtError() default true;
            }
            """,
            """
            package software.amazon.lambda.powertools.logging;
            public final class CorrelationIdPaths {
                public static final String API_GATEWAY_REST = "requestContext.requestId";
            }
            """,
            """
            package software.amazon.lambda.powertools.logging;
            import com.amazonaws.services.lambda.runtime.Context;
            import java.util.function.Supplier;
            public final class PowertoolsLogging {
                public static <T> T withLogging(Context context, Supplier<T> supplier) { return supplier.get(); }
                public static void flushBuffer() { }
                public static void clearBuffer() { }
            }
            """,
            """
            package software.amazon.lambda.powertools.logging.argument;
            public interface StructuredArgument { }
            """,
            """
            package software.amazon.lambda.powertools.logging.argument;
            import java.util.Map;
            public final class StructuredArguments {
                public static StructuredArgument entry(String key, Object value) { return null; }
                public static StructuredArgument entries(Map<?, ?> map) { return null; }
                public static StructuredArgument array(String key, Object... values) { return null; }
                public static StructuredArgument json(String key, String rawJson) { return null; }
            }
            """,
            """
            package software.amazon.lambda.powertools.tracing;
            public enum CaptureMode { RESPONSE, ERROR, RESPONSE_AND_ERROR, DISABLED, ENVIRONMENT_VAR }
            """,
            """
            package software.amazon.lambda.powertools.tracing;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
            public @interface Tracing {
                String namespace() default "";
                String segmentName() default "";
                CaptureMode captureMode() default CaptureMode.ENVIRONMENT_VAR;
            }
            """,
            """
            package software.amazon.lambda.powertools.tracing;
            import com.amazonaws.xray.entities.Subsegment;
            import java.util.function.Consumer;
            public final class TracingUtils {
                public static void putAnnotation(String key, String value) { }
                public static void putAnnotation(String key, Number value) { }
                public static void putAnnotation(String key, Boolean value) { }
                public static void putMetadata(String key, Object value) { }
                public static void putMetadata(String namespace, String key, Object value) { }
                public static void withSubsegment(String name, Consumer<Subsegment> subsegment) { }
                public static void withSubsegment(String namespace, String name, Consumer<Subsegment> subsegment) { }
            }
            """,
            """
            package software.amazon.lambda.powertools.metrics.model;
            public enum MetricUnit { COUNT, MILLISECONDS, NONE }
            """,
            """
            package software.amazon.lambda.powertools.metrics.model;
            public class DimensionSet {
                public static DimensionSet of(String key, String value) { return new DimensionSet(); }
                public static DimensionSet of(String key1, String value1, String key2, String value2) {
                    return new DimensionSet();
                }
            }
            """,
            """
            package software.amazon.lambda.powertools.metrics;
            import com.amazonaws.services.lambda.runtime.Context;
            import software.amazon.lambda.powertools.metrics.model.DimensionSet;
            import software.amazon.lambda.powertools.metrics.model.MetricUnit;
            public interface Metrics {
                void addMetric(String key, double value, MetricUnit unit);
                void addDimension(String key, String value);
                void captureColdStartMetric(Context context, DimensionSet dimensions);
                void flush();
                void flushSingleMetric(String name, double value, MetricUnit unit, String namespace,
                                       DimensionSet dimensions);
            }
            """,
            """
            package software.amazon.lambda.powertools.metrics;
            public final class MetricsFactory {
                public static Metrics getMetricsInstance() { return null; }
            }
            """,
            """
            package software.amazon.lambda.powertools.metrics;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
            public @interface FlushMetrics {
                String namespace() default "";
                String service() default "";
                boolean captureColdStart() default false;
            }
            """
    };

    private PowertoolsStubs() {
    }
}
