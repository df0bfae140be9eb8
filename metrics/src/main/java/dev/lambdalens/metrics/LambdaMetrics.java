package dev.lambdalens.metrics;

import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.metrics.internal.EventSources;
import dev.lambdalens.metrics.internal.InvocationMetrics;
import dev.lambdalens.metrics.internal.MetricsEngine;

import java.time.Duration;
import java.util.Objects;

/**
 * Metrics for a handler without AspectJ: the interceptor that {@link FlushMetrics} stands for, to put in a
 * core {@code ObservedHandler}.
 *
 * <pre>{@code
 * private final RequestHandler<SQSEvent, String> observed = ObservedHandler.wrap(this::handle)
 *         .with(LambdaMetrics.builder().namespace("Orders").captureColdStart(true).build())
 *         .build();
 * }</pre>
 *
 * <p>Before the handler: writes the cold-start and event-source documents if asked, and schedules a flush
 * {@link Builder#deadlineMargin(Duration)} before the deadline. After it returns or throws: writes what the
 * invocation recorded. Record metrics with {@link #metrics()} or {@link MetricsFactory#getMetricsInstance()};
 * an interceptor built without {@link Builder#metrics(Metrics)} has its own instance. Thread-safe; build it
 * once and reuse it for every invocation.
 */
public final class LambdaMetrics implements InvocationInterceptor {
    /** Default time before the deadline at which a still-running invocation's metrics are written. */
    public static final Duration DEFAULT_DEADLINE_MARGIN = Duration.ofMillis(500);

    private static volatile LambdaMetrics global;

    private final MetricsEngine engine;
    private final String namespace;
    private final String service;
    private final String functionName;
    private final boolean captureColdStart;
    private final boolean raiseOnEmptyMetrics;
    private final boolean eventSourceMetrics;
    private final Duration deadlineMargin;

    private LambdaMetrics(Builder builder, MetricsEngine engine) {
        this.engine = engine;
        this.namespace = builder.namespace;
        this.service = builder.service;
        this.functionName = builder.functionName;
        this.captureColdStart = builder.captureColdStart;
        this.raiseOnEmptyMetrics = builder.raiseOnEmptyMetrics;
        this.eventSourceMetrics = builder.eventSourceMetrics;
        this.deadlineMargin = builder.deadlineMargin;
    }

    /**
     * The interceptor with every setting from the environment, paired with
     * {@link MetricsFactory#getMetricsInstance()}, writing to standard output.
     */
    public static InvocationInterceptor interceptor() {
        return global();
    }

    /** The process-wide interceptor and instance behind {@link #interceptor()} and {@link MetricsFactory}. */
    static LambdaMetrics global() {
        LambdaMetrics current = global;
        if (current == null) {
            synchronized (LambdaMetrics.class) {
                current = global;
                if (current == null) {
                    current = new LambdaMetrics(builder(), new MetricsEngine(null, MetricsOutput.standardOutput()));
                    global = current;
                }
            }
        }
        return current;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The metrics instance whose recordings this interceptor flushes. */
    public Metrics metrics() {
        return engine.metrics();
    }

    @Override
    public void beforeHandler(InvocationScope scope, Object event) {
        InvocationMetrics buffer = engine.bufferFor(scope);
        if (buffer.disabled()) {
            return;
        }
        buffer.configure(namespace, service, functionName, raiseOnEmptyMetrics);
        if (captureColdStart && scope.coldStart()) {
            buffer.writeColdStart(scope.context() == null ? null : scope.context().getFunctionName(), null);
        }
        if (event != null && (eventSourceMetrics || engine.eventSourceMetrics(scope.runtime()))) {
            EventSources.record(event, buffer, scope.startEpochMillis());
        }
        if (buffer.claimDeadlineFlush()) {
            // Lambda kills a function at its deadline without running any more code: write before that.
            scope.state().beforeDeadline(deadlineMargin, buffer::flush);
        }
    }

    @Override
    public void afterFailure(InvocationScope scope, Object event, Throwable error) {
        engine.bufferFor(scope).flush();
    }

    @Override
    public void afterHandler(InvocationScope scope) {
        engine.bufferFor(scope).finish();
        engine.flushDetached();
    }

    @Override
    public String toString() {
        return "LambdaMetrics[namespace=" + namespace + ", service=" + service + ", captureColdStart="
                + captureColdStart + ", eventSourceMetrics=" + eventSourceMetrics + "]";
    }

    /**
     * Builds a {@link LambdaMetrics}. Every setting left unset comes from the environment (Powertools' variable
     * names), then from defaults. Empty strings count as unset, as in the annotation.
     */
    public static final class Builder {
        private String namespace;
        private String service;
        private String functionName;
        private boolean captureColdStart;
        private boolean raiseOnEmptyMetrics;
        private boolean eventSourceMetrics;
        private Duration deadlineMargin = DEFAULT_DEADLINE_MARGIN;
        private LensRuntime runtime;
        private MetricsOutput output;
        private Metrics metrics;

        private Builder() {
        }

        /** The CloudWatch namespace; else {@code POWERTOOLS_METRICS_NAMESPACE}. */
        public Builder namespace(String namespace) {
            this.namespace = blankToNull(Objects.requireNonNull(namespace, "namespace"));
            return this;
        }

        /** The {@code Service} dimension; else {@code POWERTOOLS_SERVICE_NAME}. */
        public Builder service(String service) {
            this.service = blankToNull(Objects.requireNonNull(service, "service"));
            return this;
        }

        /** The {@code FunctionName} dimension; else {@code POWERTOOLS_METRICS_FUNCTION_NAME}, else the function's. */
        public Builder functionName(String functionName) {
            this.functionName = blankToNull(Objects.requireNonNull(functionName, "functionName"));
            return this;
        }

        /** Whether the cold start writes a {@code ColdStart} = 1 document. Default false. */
        public Builder captureColdStart(boolean captureColdStart) {
            this.captureColdStart = captureColdStart;
            return this;
        }

        /** Whether an invocation without metrics is reported (once, through diagnostics). Default false. */
        public Builder raiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
            this.raiseOnEmptyMetrics = raiseOnEmptyMetrics;
            return this;
        }

        /**
         * Whether SQS, Kinesis, DynamoDB Streams and SNS events give batch size and record age metrics; false
         * leaves it to {@code LAMBDA_LENS_METRICS_EVENT_SOURCE}. Needs aws-lambda-java-events on the class path.
         */
        public Builder eventSourceMetrics(boolean eventSourceMetrics) {
            this.eventSourceMetrics = eventSourceMetrics;
            return this;
        }

        /** How long before the deadline a still-running invocation's metrics are written. Default 500 ms. */
        public Builder deadlineMargin(Duration deadlineMargin) {
            Objects.requireNonNull(deadlineMargin, "deadlineMargin");
            if (deadlineMargin.isNegative()) {
                throw new IllegalArgumentException("deadlineMargin must not be negative, was " + deadlineMargin);
            }
            this.deadlineMargin = deadlineMargin;
            return this;
        }

        /** The runtime for metrics recorded outside invocations; {@link LensRuntime#global()} by default. */
        public Builder runtime(LensRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** Where documents go; standard output by default. */
        public Builder output(MetricsOutput output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Flushes what {@code metrics} records (e.g. {@link MetricsFactory#getMetricsInstance()}), sharing its
         * output and the defaults set on it in code. Excludes {@link #runtime} and {@link #output}.
         */
        public Builder metrics(Metrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public LambdaMetrics build() {
            MetricsEngine engine;
            if (metrics != null) {
                if (runtime != null || output != null) {
                    throw new IllegalStateException("metrics(...) shares that instance's runtime and output; "
                            + "do not also set runtime(...) or output(...)");
                }
                engine = MetricsEngine.of(metrics);
                if (engine == null) {
                    throw new IllegalArgumentException("metrics(...) takes an instance made by Lambda Lens, was "
                            + metrics.getClass().getName());
                }
            } else {
                engine = new MetricsEngine(runtime, output != null ? output : MetricsOutput.standardOutput());
            }
            return new LambdaMetrics(this, engine);
        }

        private static String blankToNull(String value) {
            return value.isBlank() ? null : value;
        }
    }
}
