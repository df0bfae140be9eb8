package dev.lambdalens.metrics.internal;

import dev.lambdalens.metrics.MetricsSettings;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.ScopeKey;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsOutput;
import dev.lambdalens.metrics.model.DimensionSet;

import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * Routes one metrics instance's calls to the buffer of the invocation current on the calling thread (or to a
 * detached buffer outside any invocation), and holds what that instance was configured with in code and where
 * its documents go. Several handler wrappers may share one router (the annotation's and
 * {@code MetricsFactory}'s do).
 */
public final class MetricsRouter {
    /** The invocation's buffer. One key for every router: an invocation has one set of metrics. */
    static final ScopeKey<MetricsBuffer> BUFFER = ScopeKey.named("lambda-lens-metrics");

    private final LensRuntime runtime;
    private final MetricsOutput output;
    private final Routing metrics = new Routing();
    /** Made once: a method reference written at the call would be a new object per invocation. */
    private final Function<InvocationScope, MetricsBuffer> bufferFactory = this::newBuffer;
    private volatile MetricsDefaults defaults = MetricsDefaults.NONE;
    /** The settings of the last runtime used, with that runtime: one router nearly always serves one runtime. */
    private volatile RuntimeSettings settings;
    private MetricsBuffer detached;

    /**
     * @param runtime the runtime for metrics recorded outside any invocation; {@code null} for
     *                {@link LensRuntime#global()}, looked up on first use
     */
    public MetricsRouter(LensRuntime runtime, MetricsOutput output) {
        this.runtime = runtime;
        this.output = output;
    }

    /** The router behind {@code metrics} when Lambda Lens made it, else {@code null}. */
    public static MetricsRouter of(Metrics metrics) {
        return metrics instanceof Routing ? ((Routing) metrics).router() : null;
    }

    /** The {@link Metrics} that routes each call to the invocation current on the calling thread. */
    public Metrics metrics() {
        return metrics;
    }

    /** The buffer of {@code scope}, created (and registered to be flushed when the scope closes) on first use. */
    public MetricsBuffer bufferFor(InvocationScope scope) {
        MetricsBuffer buffer = scope.state().attachment(BUFFER);
        return buffer != null ? buffer : scope.state().attachment(BUFFER, bufferFactory);
    }

    /** Whether {@code LAMBDA_LENS_METRICS_EVENT_SOURCE} switches event-source metrics on. */
    public boolean eventSourceMetrics(LensRuntime lensRuntime) {
        return settings(lensRuntime).eventSourceMetrics();
    }

    /** The settings the configuration of {@code lensRuntime} holds, read once per runtime. */
    MetricsSettings settings(LensRuntime lensRuntime) {
        RuntimeSettings current = settings;
        if (current == null || current.runtime != lensRuntime) {
            current = new RuntimeSettings(lensRuntime,
                    MetricsSettings.from(lensRuntime.configuration(), lensRuntime.diagnostics()));
            settings = current;
        }
        return current.settings;
    }

    private record RuntimeSettings(LensRuntime runtime, MetricsSettings settings) {
    }

    /** Writes what was recorded outside any invocation. */
    public void flushDetached() {
        MetricsBuffer buffer;
        synchronized (this) {
            buffer = detached;
        }
        if (buffer != null) {
            buffer.flush();
        }
    }

    private MetricsBuffer newBuffer(InvocationScope scope) {
        LensRuntime scopeRuntime = scope.runtime();
        MetricsBuffer buffer = new MetricsBuffer(scopeRuntime, settings(scopeRuntime), output, scope, defaults);
        // Whatever wrapper opened the scope, its end flushes these metrics: nothing recorded is lost.
        scope.state().onClose(buffer::finish);
        return buffer;
    }

    private synchronized MetricsBuffer detached() {
        if (detached == null) {
            LensRuntime lensRuntime = runtime != null ? runtime : LensRuntime.global();
            detached = new MetricsBuffer(lensRuntime, settings(lensRuntime), output, null, defaults);
        }
        return detached;
    }

    /** Routes to the current invocation's buffer, or to the detached one outside an invocation. */
    private final class Routing extends BufferedMetrics {
        MetricsRouter router() {
            return MetricsRouter.this;
        }

        @Override
        MetricsBuffer target() {
            InvocationScope scope = InvocationScope.current();
            return scope != null ? bufferFor(scope) : detached();
        }

        @Override
        MetricsBuffer lateTarget() {
            return detached();
        }

        // The setters below also change what later invocations start from, as Powertools' singleton does.

        @Override
        public void setNamespace(String namespace) {
            defaults = defaults.withNamespace(namespace);
            super.setNamespace(namespace);
        }

        @Override
        public void setDefaultDimensions(DimensionSet dimensionSet) {
            if (dimensionSet != null) {
                defaults = defaults.withDimensions(new LinkedHashMap<>(dimensionSet.getDimensions()));
            }
            super.setDefaultDimensions(dimensionSet);
        }

        /** Later invocations start again from the configured {@code Service}. */
        @Override
        public void clearDefaultDimensions() {
            defaults = defaults.withDimensions(null);
            super.clearDefaultDimensions();
        }

        /**
         * Powertools' functional style calls this without any handler wrapper: the core then decides the cold
         * start for {@code context}'s invocation here, and the document carries its request id.
         */
        @Override
        public void captureColdStartMetric(Context context, DimensionSet dimensions) {
            if (InvocationScope.current() != null) {
                super.captureColdStartMetric(context, dimensions);
                return;
            }
            LensRuntime lensRuntime = runtime != null ? runtime : LensRuntime.global();
            try (InvocationScope.Activation activation = lensRuntime.enter(context)) {
                InvocationScope scope = activation.scope();
                if (scope.coldStart()) {
                    writeColdStart(new MetricsBuffer(lensRuntime, settings(lensRuntime), output, scope, defaults),
                            dimensions);
                }
            }
        }

        @Override
        public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
            defaults = defaults.withRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
            super.setRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
        }
    }
}
