package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.metrics.MetricsSettings;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.MetricsOutput;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffer of one invocation: what it recorded and has not written yet: metrics with their values, dimension sets, metadata,
 * timestamp, namespace. Attached to the invocation's scope, so concurrent invocations never share one; worker
 * threads of the invocation record into it, hence every method holds its lock. A flush takes the metrics out
 * under the lock and writes them without it.
 *
 * <p>Dimension sets and metadata stay after the deadline flush (it must not change the dimensions of the
 * metrics recorded after it); a {@code flush()} called in code forgets the dimension sets, as Powertools' does.
 * Metrics are written once.
 *
 * <p>Default dimensions follow Powertools v2: the configured {@code Service} is the one default dimension
 * until code sets others ({@code setDefaultDimensions} replaces it, {@code clearDefaultDimensions} removes it).
 */
public final class MetricsBuffer {
    private static final String SERVICE = "Service";
    private static final String FUNCTION_NAME = "FunctionName";

    private final LensRuntime runtime;
    private final MetricsSettings settings;
    private final MetricsOutput output;
    /** The invocation's scope; {@code null} for what is recorded outside any invocation. */
    private final InvocationScope scope;
    private final String requestId;
    private final String traceId;
    private final boolean disabled;
    private final StandaloneDocuments standalone = new StandaloneDocuments(this);

    // Guarded by this.
    private final LinkedHashMap<String, MetricSeries> metrics = new LinkedHashMap<>(16);
    private final List<LinkedHashMap<String, String>> dimensionSets = new ArrayList<>(2);
    /** Set in code, replacing {@code Service}; {@code null} while none were set. Never modified. */
    private LinkedHashMap<String, String> defaultDimensions;
    /** {@link #effectiveDefaults()}, kept until the service or default dimensions change; never modified. */
    private LinkedHashMap<String, String> effectiveDefaults;
    private LinkedHashMap<String, Object> metadata;
    private String namespace;
    private String service;
    private String functionName;
    private long timestampMillis = Long.MIN_VALUE;
    private boolean raiseOnEmptyMetrics;
    private boolean configured;
    private boolean deadlineClaimed;
    private boolean wroteMetrics;
    private boolean finished;

    /** @param scope the invocation's scope (its ids go into every document), or {@code null} outside one */
    MetricsBuffer(LensRuntime runtime, MetricsSettings settings, MetricsOutput output, InvocationScope scope,
                  MetricsDefaults defaults) {
        this.runtime = runtime;
        this.settings = settings;
        this.output = output == StandardOutput.INSTANCE && runtime != null && runtime.documentSink() != null
                ? new SinkOutput(runtime.documentSink()) : output;
        this.scope = scope;
        this.requestId = scope == null ? null : scope.requestId();
        this.traceId = scope == null ? null : scope.traceId();
        this.disabled = settings.disabled();
        this.service = settings.service();
        this.functionName = settings.functionName();
        this.namespace = defaults.namespace();
        this.defaultDimensions = defaults.dimensions();
        this.raiseOnEmptyMetrics = defaults.raiseOnEmptyMetrics();
    }

    /** Whether {@code POWERTOOLS_METRICS_DISABLED} turned metrics off: every call is then a no-op. */
    public boolean disabled() {
        return disabled;
    }

    Diagnostics diagnostics() {
        return runtime.diagnostics();
    }

    /**
     * Applies a handler wrapper's settings; the first wrapper of an invocation wins (nested annotated methods
     * share the outer one's settings). Null values leave what the configuration says.
     */
    public synchronized void configure(String namespace, String service, String functionName,
                                       boolean raiseOnEmptyMetrics) {
        if (configured) {
            return;
        }
        configured = true;
        if (namespace != null) {
            this.namespace = namespace;
        }
        if (service != null) {
            this.service = service;
            // Powertools' aspect: the annotation's service replaces default dimensions that are empty, a single
            // one or hold Service; two or more others set in code stay, without Service.
            LinkedHashMap<String, String> current = effectiveDefaults();
            if (current.size() <= 1 || current.containsKey(SERVICE)) {
                defaultDimensions = null;
            }
            effectiveDefaults = null;
        }
        if (functionName != null) {
            this.functionName = functionName;
        }
        this.raiseOnEmptyMetrics |= raiseOnEmptyMetrics;
    }

    /** {@code true} once: whoever gets it schedules the flush before the deadline. */
    public synchronized boolean claimDeadlineFlush() {
        boolean first = !deadlineClaimed;
        deadlineClaimed = true;
        return first;
    }

    /** Records one value; returns {@code false} when this buffer is finished and the value belongs elsewhere. */
    boolean addMetric(String name, double value, MetricUnit unit, MetricResolution resolution) {
        String rule = MetricRules.nameRule(name);
        if (rule == null) {
            rule = MetricRules.valueRule(value);
        }
        if (rule != null) {
            MetricRules.report(diagnostics(), "metric '" + name + "'", rule, "this value is left out");
            return true;
        }
        if (unit == null) {
            MetricRules.report(diagnostics(), "metric '" + name + "'", "no unit was given",
                    "its values are written with unit None");
            unit = MetricUnit.NONE;
        }
        if (resolution == null) {
            resolution = MetricResolution.STANDARD;
        }
        synchronized (this) {
            if (finished) {
                return false;
            }
            MetricSeries series = metrics.get(name);
            if (series == null) {
                series = new MetricSeries(name, unit, resolution);
                metrics.put(name, series);
            } else if (series.unit != unit || series.resolution != resolution) {
                MetricRules.report(diagnostics(), "metric '" + name + "'",
                        "it was recorded with unit " + unit.getName() + " and resolution " + resolution
                                + " after " + series.unit.getName() + " and " + series.resolution,
                        "the value is kept with the first unit and resolution");
            }
            series.add(value);
            return true;
        }
    }

    void addDimension(DimensionSet set) {
        if (set == null) {
            diagnostics().reportOnce("metrics:null-dimension-set", "a null DimensionSet was added; it is ignored");
            return;
        }
        reportProblems(set);
        if (set.size() == 0) {
            return;
        }
        // getDimensions() already returns a fresh copy: no second one.
        Map<String, String> dimensions = set.getDimensions();
        LinkedHashMap<String, String> copy = dimensions instanceof LinkedHashMap
                ? (LinkedHashMap<String, String>) dimensions : new LinkedHashMap<>(dimensions);
        synchronized (this) {
            int union = copy.size();
            for (String key : effectiveDefaults().keySet()) {
                if (!copy.containsKey(key)) {
                    union++;
                }
            }
            if (union > DimensionSet.MAX_DIMENSIONS) {
                MetricRules.report(diagnostics(), "dimension set " + copy.keySet(),
                        "with the default dimensions it has " + union + " dimensions, more than CloudWatch's "
                                + DimensionSet.MAX_DIMENSIONS,
                        "this set is left out; metrics are still written with the other sets");
                return;
            }
            dimensionSets.add(copy);
        }
    }

    synchronized void setDefaultDimensions(LinkedHashMap<String, String> dimensions) {
        this.defaultDimensions = dimensions;
        effectiveDefaults = null;
    }

    synchronized DimensionSet getDefaultDimensions() {
        return DimensionSet.of(effectiveDefaults());
    }

    synchronized void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    synchronized void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        this.raiseOnEmptyMetrics = raiseOnEmptyMetrics;
    }

    void setTimestamp(long epochMillis) {
        String rule = MetricRules.timestampRule(epochMillis, runtime.clock().millis());
        if (rule != null) {
            MetricRules.report(diagnostics(), "timestamp " + java.time.Instant.ofEpochMilli(epochMillis), rule,
                    "the documents keep the time of their flush");
            return;
        }
        synchronized (this) {
            timestampMillis = epochMillis;
        }
    }

    void addMetadata(String key, Object value) {
        if (key == null || key.isBlank()) {
            diagnostics().reportOnce("metrics:metadata-key", "metadata with an empty key is left out");
            return;
        }
        if (key.equals("_aws")) {
            MetricRules.report(diagnostics(), "metadata '_aws'", "'_aws' is reserved for the EMF metadata",
                    "this entry is left out");
            return;
        }
        if (key.length() > MetricRules.MAX_METADATA_KEY_LENGTH) {
            MetricRules.report(diagnostics(), "metadata '" + key.substring(0, 40) + "...'",
                    "the key is " + key.length() + " characters long, more than "
                            + MetricRules.MAX_METADATA_KEY_LENGTH + " (JSON parsers reject keys this long)",
                    "this entry is left out, the other metadata is written");
            return;
        }
        synchronized (this) {
            if (metadata == null) {
                metadata = new LinkedHashMap<>(8);
            }
            metadata.put(key, value);
        }
    }

    /** {@code flush()} called in code: writes, then forgets the dimension sets, as Powertools does. */
    void flushFromCode() {
        flush();
        synchronized (this) {
            if (!finished) {
                dimensionSets.clear();
            }
        }
    }

    /** Writes what was recorded since the last flush. Never throws. */
    public void flush() {
        EmfBatch batch;
        synchronized (this) {
            batch = drain();
            if (batch == null) {
                return;
            }
            wroteMetrics = true;
        }
        write(batch);
    }

    /**
     * The last flush of the invocation: writes what is left, says (at debug level, or as a diagnostic with
     * raiseOnEmptyMetrics) when the invocation recorded nothing, and sends later values elsewhere.
     */
    public void finish() {
        boolean empty;
        boolean raise;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        flush();
        synchronized (this) {
            empty = !wroteMetrics;
            raise = raiseOnEmptyMetrics;
        }
        if (empty && !disabled) {
            EmptyInvocations.note(diagnostics(), settings, raise);
        }
    }

    /** The documents this invocation writes at once, apart from this buffer. */
    public StandaloneDocuments standalone() {
        return standalone;
    }

    /** Service and FunctionName, the identity of the function in event-source documents. */
    synchronized LinkedHashMap<String, String> identity(String contextFunctionName) {
        LinkedHashMap<String, String> dimensions = new LinkedHashMap<>(4);
        dimensions.put(SERVICE, service);
        putFunctionName(dimensions, contextFunctionName);
        return dimensions;
    }

    /**
     * The dimensions of the wrapper's cold-start document, as Powertools' aspect makes them: {@code Service} from
     * the default dimensions, else the configured one, left out when undefined; then {@code FunctionName}.
     */
    synchronized LinkedHashMap<String, String> coldStartIdentity(String contextFunctionName) {
        LinkedHashMap<String, String> dimensions = new LinkedHashMap<>(4);
        String name = effectiveDefaults().get(SERVICE);
        if (name == null && service != null && !LambdaEnvironment.DEFAULT_SERVICE_NAME.equals(service)
                && DimensionSet.rejection(SERVICE, service) == null) {
            name = service;
        }
        if (name != null) {
            dimensions.put(SERVICE, name);
        }
        putFunctionName(dimensions, contextFunctionName);
        return dimensions;
    }

    private void putFunctionName(LinkedHashMap<String, String> dimensions, String contextFunctionName) {
        String name = functionName != null ? functionName : contextFunctionName;
        if (name == null) {
            return;
        }
        String rule = DimensionSet.rejection(FUNCTION_NAME, name);
        if (rule == null) {
            dimensions.put(FUNCTION_NAME, name);
        } else {
            MetricRules.report(diagnostics(), "FunctionName dimension '" + name + "'", rule,
                    "the cold-start and event-source documents are written without it");
        }
    }

    /** Writes one document built elsewhere to where this buffer's documents go. */
    void write(EmfBatch batch) {
        EmfWriter.write(batch, output, diagnostics(), MaskingPolicy.of(runtime));
    }

    /**
     * A batch with this invocation's ids. When its spans have ids of their own (core's {@link SpanIds}, which
     * tracing's OpenTelemetry backend attaches to the scope; metrics does not depend on tracing), the batch also
     * carries the W3C trace and span id of the span current on this thread (at the invocation's end, the handler
     * span's), and the X-Ray trace id is that trace's, as on the invocation's log lines.
     */
    EmfBatch batch(String namespace, long timestampMillis, List<List<String>> dimensionKeys,
                   Map<String, String> dimensionValues, List<MetricSeries> series, Map<String, Object> meta) {
        SpanIds spanIds = scope == null ? null : scope.state().attachment(SpanIds.KEY);
        if (spanIds != null) {
            try {
                String xrayTraceId = spanIds.xrayTraceId();
                return new EmfBatch(namespace, timestampMillis, dimensionKeys, dimensionValues, series, meta,
                        requestId, xrayTraceId != null ? xrayTraceId : traceId, spanIds.traceId(), spanIds.spanId());
            } catch (RuntimeException e) {
                runtime.diagnostics().reportOnce("metrics:span-ids", "reading the span ids of the invocation "
                        + "failed; EMF documents are written without trace_id and span_id", e);
            }
        }
        return new EmfBatch(namespace, timestampMillis, dimensionKeys, dimensionValues, series, meta, requestId,
                traceId);
    }

    /**
     * A buffer that starts with this one's namespace, default dimensions and metadata, as Powertools'
     * {@code flushMetrics} context does: not its dimension sets, metrics or timestamp.
     */
    synchronized MetricsBuffer child() {
        MetricsBuffer child = new MetricsBuffer(runtime, settings, output, scope,
                new MetricsDefaults(namespace, effectiveDefaults(), false));
        child.service = service;
        child.functionName = functionName;
        if (metadata != null) {
            child.metadata = new LinkedHashMap<>(metadata);
        }
        return child;
    }

    // Holding the lock.
    private EmfBatch drain() {
        if (disabled || metrics.isEmpty()) {
            metrics.clear();
            return null;
        }
        List<MetricSeries> series = new ArrayList<>(metrics.values());
        metrics.clear();
        LinkedHashMap<String, String> defaults = effectiveDefaults();
        LinkedHashMap<String, String> values = new LinkedHashMap<>(defaults);
        List<List<String>> keys = new ArrayList<>(Math.max(1, dimensionSets.size()));
        if (dimensionSets.isEmpty()) {
            keys.add(List.copyOf(defaults.keySet()));
        }
        for (LinkedHashMap<String, String> set : dimensionSets) {
            List<String> setKeys = new ArrayList<>(defaults.size() + set.size());
            setKeys.addAll(defaults.keySet());
            for (String key : set.keySet()) {
                if (!defaults.containsKey(key)) {
                    setKeys.add(key);
                }
            }
            keys.add(withinLimit(setKeys));
            values.putAll(set);
        }
        Map<String, Object> meta = metadata == null ? Map.of() : new LinkedHashMap<>(metadata);
        return batch(resolvedNamespace(null), timestamp(), keys, values, series, meta);
    }

    /**
     * A set's keys cut to CloudWatch's limit: a set checked when it was added can grow past it when the default
     * dimensions change later, and CloudWatch rejects a whole document for one such set.
     */
    private List<String> withinLimit(List<String> keys) {
        if (keys.size() <= DimensionSet.MAX_DIMENSIONS) {
            return keys;
        }
        List<String> dropped = keys.subList(DimensionSet.MAX_DIMENSIONS, keys.size());
        MetricRules.report(diagnostics(), "dimension set " + keys.subList(0, Math.min(5, keys.size())) + "...",
                "with the default dimensions it has " + keys.size() + " dimensions, more than CloudWatch's "
                        + DimensionSet.MAX_DIMENSIONS,
                "the last " + dropped.size() + " " + dropped + " are left out of it, the document is written");
        return new ArrayList<>(keys.subList(0, DimensionSet.MAX_DIMENSIONS));
    }

    // Holding the lock. Never modified: callers copy before changing anything.
    LinkedHashMap<String, String> effectiveDefaults() {
        if (effectiveDefaults == null) {
            effectiveDefaults = computeEffectiveDefaults();
        }
        return effectiveDefaults;
    }

    private LinkedHashMap<String, String> computeEffectiveDefaults() {
        if (defaultDimensions != null) {
            return defaultDimensions;
        }
        LinkedHashMap<String, String> result = new LinkedHashMap<>(2);
        if (service != null && !LambdaEnvironment.DEFAULT_SERVICE_NAME.equals(service)) {
            String rule = DimensionSet.rejection(SERVICE, service);
            if (rule == null) {
                result.put(SERVICE, service);
            } else {
                MetricRules.report(diagnostics(), "Service dimension '" + service + "'", rule,
                        "metrics are written without it");
            }
        }
        return result;
    }

    // Holding the lock.
    String resolvedNamespace(String override) {
        String candidate = override != null ? override : namespace != null ? namespace : settings.namespace();
        String rule = MetricRules.namespaceRule(candidate);
        if (rule == null) {
            return candidate;
        }
        MetricRules.report(diagnostics(), "namespace '" + candidate + "'", rule,
                "metrics are written under '" + MetricRules.DEFAULT_NAMESPACE + "'");
        return MetricRules.DEFAULT_NAMESPACE;
    }

    // Holding the lock.
    long timestamp() {
        return timestampMillis != Long.MIN_VALUE ? timestampMillis : runtime.clock().millis();
    }

    void reportProblems(DimensionSet set) {
        for (String problem : set.problems()) {
            diagnostics().reportOnce("metrics:dimension:" + problem, problem);
        }
    }
}
