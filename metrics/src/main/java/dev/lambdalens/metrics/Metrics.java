package dev.lambdalens.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Records CloudWatch metrics for the current invocation; they are written as Embedded Metric Format documents
 * when the invocation's handler returns or throws, shortly before its deadline, or on {@link #flush()}.
 * Same methods as Powertools for AWS Lambda (Java) v2.
 *
 * <p>One instance serves every invocation: each call goes to the invocation current on the calling thread
 * ({@code InvocationScope.current()}), so invocations running at once in one JVM keep their metrics apart, and
 * work handed to other threads with {@code scope.wrap(...)} records into its own invocation. Outside any
 * invocation, metrics go to a buffer of the instance that {@link #flush()} (called outside an invocation) or
 * the end of the next invocation writes, without request id.
 *
 * <p>No method throws: invalid input (an empty or over-long name, NaN, a missing unit, a bad dimension, a
 * timestamp CloudWatch would reject) is reported once through the runtime's diagnostics, naming the metric and
 * the rule, and only that input is left out.
 */
public interface Metrics {

    /** Records one value of {@code key}; several calls with one name give several values of one metric. */
    void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution);

    /** Records one value with standard (60 s) resolution. */
    default void addMetric(String key, double value, MetricUnit unit) {
        addMetric(key, value, unit, MetricResolution.STANDARD);
    }

    /** Records one value with unit {@code None} and standard resolution. */
    default void addMetric(String key, double value) {
        addMetric(key, value, MetricUnit.NONE, MetricResolution.STANDARD);
    }

    /** Adds a dimension set of one dimension; same as {@code addDimension(DimensionSet.of(key, value))}. */
    default void addDimension(String key, String value) {
        addDimension(DimensionSet.of(key, value));
    }

    /**
     * Adds a dimension set to the current invocation's documents: each metric is published once per set, each
     * set extended by the default dimensions.
     */
    void addDimension(DimensionSet dimensionSet);

    /**
     * Adds a member to the current invocation's documents that is not a metric: searchable in CloudWatch Logs
     * Insights, not published to CloudWatch Metrics. Strings, numbers, booleans, maps, collections and arrays
     * are written as JSON; other objects as their {@code toString()}.
     */
    void addMetadata(String key, Object value);

    /**
     * Replaces the dimensions added to every document, {@code Service} included, as in Powertools v2 (add
     * {@code Service} to the set to keep it). Applies to the current invocation and to every later one.
     */
    void setDefaultDimensions(DimensionSet dimensionSet);

    /** The default dimensions of the current invocation, or of this instance outside one. */
    DimensionSet getDefaultDimensions();

    /** Sets the namespace for the current invocation and every later one. */
    void setNamespace(String namespace);

    /**
     * Whether an invocation that recorded no metric is reported. Powertools throws; Lambda Lens never throws into
     * a handler, so it reports once through diagnostics instead.
     */
    void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics);

    /**
     * Removes every default dimension, {@code Service} included, for the rest of the current invocation; later
     * invocations start again from the configured {@code Service}.
     */
    void clearDefaultDimensions();

    /** Sets the timestamp of the current invocation's documents; CloudWatch accepts 14 days back to 2 hours ahead. */
    void setTimestamp(Instant timestamp);

    /**
     * Writes what the current invocation (or, outside one, this instance) recorded so far, and forgets it and
     * the dimension sets added so far, as Powertools does; default dimensions and metadata stay.
     */
    void flush();

    /**
     * Writes, at once, a {@code ColdStart} = 1 document if the invocation is the cold start, as decided by the
     * core, with {@code dimensions} as its only dimensions, or the default dimensions when {@code null} (as
     * Powertools v2 does; {@code @FlushMetrics(captureColdStart = true)} is what adds {@code Service} and
     * {@code FunctionName}). Written at most once per invocation. Called without any handler wrapper
     * (Powertools' functional style), it decides the cold start for {@code context}'s invocation itself.
     *
     * @param context the invocation's context, for its request id; may be {@code null}
     * @param dimensions the document's dimensions, or {@code null} for the default dimensions
     */
    void captureColdStartMetric(Context context, DimensionSet dimensions);

    default void captureColdStartMetric(Context context) {
        captureColdStartMetric(context, null);
    }

    void captureColdStartMetric(DimensionSet dimensions);

    default void captureColdStartMetric() {
        captureColdStartMetric((DimensionSet) null);
    }

    /**
     * Writes the metrics that {@code metricsConsumer} records, at once, as their own documents that inherit the
     * namespace, default dimensions and metadata, but not the invocation's metrics, dimension sets or timestamp
     * (as Powertools v2's separate metrics context).
     */
    void flushMetrics(Consumer<Metrics> metricsConsumer);

    /**
     * Writes one metric at once as its own document: {@code flushMetrics} with {@code dimensions} as its only
     * dimensions, or the default dimensions when {@code null}, as in Powertools v2.
     *
     * @param namespace the namespace of this document, or {@code null} for the configured one
     * @param dimensions the document's dimensions, or {@code null} for the default dimensions
     */
    void flushSingleMetric(String name, double value, MetricUnit unit, String namespace, DimensionSet dimensions);

    default void flushSingleMetric(String name, double value, MetricUnit unit, String namespace) {
        flushSingleMetric(name, value, unit, namespace, null);
    }
}
