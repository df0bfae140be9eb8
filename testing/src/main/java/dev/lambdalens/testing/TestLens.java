package dev.lambdalens.testing;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.DocumentSink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lambda Lens in the test's own JVM, for fast unit tests of a handler: a {@link LensRuntime} with the
 * environment a function would see (from a map, never the process environment), a {@link TestClock}, captured
 * diagnostics, and in-memory capture of what the modules write during its invocations: log lines, EMF documents
 * and X-Ray documents, parsed. Hand {@link #runtime()} to {@code ObservedHandler.wrap(handler).runtime(...)} (and
 * to the module builders' {@code runtime(...)}), invoke with {@link #context()}, then read {@link #logs()},
 * {@link #metrics()} and {@link #traces()}.
 *
 * <pre>{@code
 * TestLens lens = TestLens.builder().env("POWERTOOLS_SERVICE_NAME", "orders").build();
 * RequestHandler<Map<String, Object>, String> handler = ObservedHandler.wrap(new OrdersHandler()::handle)
 *         .with(LambdaLogging.builder().runtime(lens.runtime()).build())
 *         .with(LambdaMetrics.builder().runtime(lens.runtime()).namespace("Shop").build())
 *         .with(LambdaTracing.builder().runtime(lens.runtime()).build())
 *         .runtime(lens.runtime()).build();
 * handler.handleRequest(Map.of("item", "tea"), lens.context().build());
 * assertEquals(29, lens.metrics().value("OrderValue"));
 * lens.logs().line("order created");
 * lens.traces().subsegment("## save");
 * }</pre>
 *
 * <p>Log lines are captured when they are written on a thread that runs one of this runtime's invocations (or
 * work handed over with its scope) and Lambda Lens's Logback appender is in use; other lines go to standard
 * output as usual. {@link TestLensExtension} makes a fresh one per test.
 */
public final class TestLens {
    /** What a function sees unless the test says otherwise. */
    public static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of(
            "AWS_LAMBDA_FUNCTION_NAME", "test-function",
            "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
            "AWS_REGION", "us-east-1",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand",
            "POWERTOOLS_SERVICE_NAME", "test-service");

    private final TestClock clock;
    private final Map<String, String> environment;
    private final List<String> diagnostics = new ArrayList<>();
    private final CapturedLogs logs = new CapturedLogs();
    private final CapturedMetrics metrics = new CapturedMetrics();
    private final CapturedTraces traces = new CapturedTraces();
    private final LensRuntime runtime;

    private TestLens(Builder builder) {
        this.clock = builder.clock;
        this.environment = Map.copyOf(builder.environment);
        this.runtime = LensRuntime.builder()
                .configuration(Configuration.of(environment))
                .clock(clock)
                .diagnostics(new Diagnostics(this::addDiagnostic))
                .systemProperties(key -> null)
                .documentSink(new Capture(logs, metrics, traces))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A kit with the default environment. */
    public static TestLens create() {
        return builder().build();
    }

    /** The runtime to hand to {@code ObservedHandler} and the module builders. */
    public LensRuntime runtime() {
        return runtime;
    }

    /** The clock of the runtime and of {@link #context()}: it moves only when the test advances it. */
    public TestClock clock() {
        return clock;
    }

    /** The environment the runtime reads. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * A context builder for one invocation: a new request id, a fresh sampled trace header, the function name
     * of the environment, and a deadline on this kit's clock.
     */
    public TestContext.Builder context() {
        return TestContext.builder().clock(clock)
                .functionName(environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "test-function"))
                .region(environment.getOrDefault("AWS_REGION", "us-east-1"));
    }

    /** The JSON log lines written during this runtime's invocations. */
    public CapturedLogs logs() {
        return logs;
    }

    /** The EMF documents written by this runtime's invocations. */
    public CapturedMetrics metrics() {
        return metrics;
    }

    /** The X-Ray documents this runtime's invocations would have sent to the daemon. */
    public CapturedTraces traces() {
        return traces;
    }

    /** What Lambda Lens reported about its own problems (one JSON line each). */
    public synchronized List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Forgets every captured document and diagnostic. */
    public synchronized void clear() {
        logs.clear();
        metrics.clear();
        traces.clear();
        diagnostics.clear();
    }

    private synchronized void addDiagnostic(String line) {
        diagnostics.add(line);
    }

    /** Builds a {@link TestLens}. */
    public static final class Builder {
        private final Map<String, String> environment = new LinkedHashMap<>(DEFAULT_ENVIRONMENT);
        private TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

        private Builder() {
        }

        /** Sets an environment variable as the function would see it (e.g. {@code POWERTOOLS_SERVICE_NAME}). */
        public Builder env(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Removes a default environment variable. */
        public Builder withoutEnv(String name) {
            environment.remove(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** The clock; 2026-01-01T00:00:00Z, standing still, by default. */
        public Builder clock(TestClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TestLens build() {
            return new TestLens(this);
        }
    }

    /** Sorts each document the modules write into its capture. */
    private static final class Capture implements DocumentSink {
        private final CapturedLogs logs;
        private final CapturedMetrics metrics;
        private final CapturedTraces traces;

        Capture(CapturedLogs logs, CapturedMetrics metrics, CapturedTraces traces) {
            this.logs = logs;
            this.metrics = metrics;
            this.traces = traces;
        }

        @Override
        public void write(Kind kind, byte[] utf8, int offset, int length) {
            switch (kind) {
                case LOG_LINE -> logs.add(utf8, offset, length);
                case EMF -> metrics.add(utf8, offset, length);
                case XRAY_SEGMENT -> traces.add(utf8, offset, length);
                default -> throw new IllegalArgumentException(String.valueOf(kind));
            }
        }
    }
}
