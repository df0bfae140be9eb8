package dev.lambdalens.metrics;

import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.metrics.internal.MetricsPrimer;
import dev.lambdalens.metrics.internal.MetricsRouter;

import java.time.Duration;
import java.util.Objects;

/**
 * Metrics for a handler without AspectJ: builds the {@link MetricsInterceptor} that {@link FlushMetrics} stands
 * for, to put in a core {@code ObservedHandler}.
 *
 * <pre>{@code
 * private final RequestHandler<SQSEvent, String> observed = ObservedHandler.wrap(this::handle)
 *         .with(LambdaMetrics.builder().namespace("Orders").captureColdStart(true).build())
 *         .build();
 * }</pre>
 *
 * <p>Powertools' entry points {@link MetricsFactory} and {@link MetricsBuilder} stay for code that migrates from
 * Powertools; they configure the same instance that {@link #interceptor()} flushes.
 */
public final class LambdaMetrics {
    /** Default time before the deadline at which a still-running invocation's metrics are written. */
    public static final Duration DEFAULT_DEADLINE_MARGIN = Duration.ofMillis(500);

    private LambdaMetrics() {
    }

    /**
     * The interceptor with every setting from the environment, paired with
     * {@link MetricsFactory#getMetricsInstance()}, writing to standard output.
     */
    public static MetricsInterceptor interceptor() {
        return MetricsInterceptor.global();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs metrics' hot path once now (an invocation through the metrics interceptor recording a metric and
     * metadata, an EMF document through the serializer), writing nothing, recording nothing and leaving no
     * state, so the first invocation does not pay for it. A SnapStart function needs no call: Lambda Lens primes
     * every module itself before the snapshot. Call it from init code elsewhere, e.g. with provisioned
     * concurrency. Never throws.
     */
    public static void prime() {
        PrimingInvocation.prime(LensRuntime.global(), new MetricsPrimer());
    }

    /**
     * Builds a {@link MetricsInterceptor}. Every setting left unset comes from the environment (Powertools' variable
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

        /** The {@code Service} dimension (as {@link FlushMetrics#service()}); else {@code POWERTOOLS_SERVICE_NAME}. */
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

        public MetricsInterceptor build() {
            MetricsRouter router;
            if (metrics != null) {
                if (runtime != null || output != null) {
                    throw new IllegalStateException("metrics(...) shares that instance's runtime and output; "
                            + "do not also set runtime(...) or output(...)");
                }
                router = MetricsRouter.of(metrics);
                if (router == null) {
                    throw new IllegalArgumentException("metrics(...) takes an instance made by Lambda Lens, was "
                            + metrics.getClass().getName());
                }
            } else {
                router = new MetricsRouter(runtime, output != null ? output : MetricsOutput.standardOutput());
            }
            return new MetricsInterceptor(this, router);
        }

        String namespace() {
            return namespace;
        }

        String service() {
            return service;
        }

        String functionName() {
            return functionName;
        }

        boolean captureColdStart() {
            return captureColdStart;
        }

        boolean raiseOnEmptyMetrics() {
            return raiseOnEmptyMetrics;
        }

        boolean eventSourceMetrics() {
            return eventSourceMetrics;
        }

        Duration deadlineMargin() {
            return deadlineMargin;
        }

        private static String blankToNull(String value) {
            return value.isBlank() ? null : value;
        }
    }
}
