package dev.lambdalens.adversarial;

import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.DimensionSet;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The bad days of the corpus: values, objects and calls that have broken observability libraries (and some
 * that broke this one). Each case runs inside a handler, between a first log line and the corpus's usual
 * evidence (the {@value CorpusCase#DONE} line, the {@value CorpusCase#RUNS} metric, the handler subsegment),
 * so the test can see that nothing else was lost and the handler went on.
 */
public enum BadDay {
    /** A 100 KB annotation value: the handler subsegment must still fit a datagram. */
    HUGE_ANNOTATION {
        @Override
        void run(Metrics metrics) {
            LambdaTracing.putAnnotation("payload", "a".repeat(100 * 1024));
        }
    },
    /** 200 KB of metadata in one subsegment. */
    HUGE_METADATA {
        @Override
        void run(Metrics metrics) {
            LambdaTracing.putMetadata("payload", "m".repeat(200 * 1024));
        }
    },
    /** A 70 KB metadata key. */
    HUGE_METADATA_KEY {
        @Override
        void run(Metrics metrics) {
            LambdaTracing.putMetadata("k".repeat(70 * 1024), "v");
        }
    },
    /** An exception with a 1 MB message, logged and thrown. */
    HUGE_EXCEPTION_MESSAGE {
        @Override
        void run(Metrics metrics) {
            log.error("failed", new IllegalStateException("x".repeat(1024 * 1024)));
        }

        @Override
        boolean throwsAfter() {
            return true;
        }

        @Override
        RuntimeException thrown() {
            return new IllegalStateException("y".repeat(1024 * 1024));
        }
    },
    /** An exception whose getMessage() throws, logged and thrown. */
    MESSAGE_THAT_THROWS {
        @Override
        void run(Metrics metrics) {
            log.error("failed", thrown());
        }

        @Override
        boolean throwsAfter() {
            return true;
        }

        @Override
        RuntimeException thrown() {
            return new IllegalStateException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("no message for you");
                }
            };
        }
    },
    /** A cyclic map as a log argument, metadata and EMF metadata. */
    CYCLIC_OBJECTS {
        @Override
        void run(Metrics metrics) {
            Map<String, Object> cycle = new HashMap<>();
            cycle.put("self", cycle);
            log.info("cycle {}", kv("cycle", cycle));
            LambdaTracing.putMetadata("cycle", cycle);
            metrics.addMetadata("cycle", cycle);
        }
    },
    /** Objects whose getters and toString throw. */
    FAILING_OBJECTS {
        @Override
        void run(Metrics metrics) {
            Object failing = new Failing();
            log.info("failing {}", failing);
            log.info("failing", kv("failing", failing));
            LambdaTracing.putMetadata("failing", failing);
            metrics.addMetadata("failing", failing);
        }
    },
    /** A 5 MB string logged, as metadata and as EMF metadata. */
    FIVE_MEGABYTES {
        @Override
        void run(Metrics metrics) {
            String huge = "z".repeat(5 * 1024 * 1024);
            log.info(huge);
            log.info("huge", kv("huge", huge));
            LambdaTracing.putMetadata("huge", huge);
            metrics.addMetadata("huge", huge);
        }
    },
    /** Log injection: line breaks, quotes and control characters in messages and keys. */
    LOG_INJECTION {
        @Override
        void run(Metrics metrics) {
            log.info("first\n{\"level\":\"ERROR\",\"message\":\"forged\"}\r\u0000\u2028");
            log.info("key", kv("bad\nkey\"", "v\n{}"));
        }
    },
    /** Structured arguments named like the keys Lens writes itself. */
    RESERVED_KEYS {
        @Override
        void run(Metrics metrics) {
            log.info("reserved", kv("xray_trace_id", "forged"), kv("level", "forged"), kv("timestamp", "forged"),
                    kv("function_request_id", "forged"), kv("message", "forged"));
            LambdaLogging.appendKey("cold_start", "forged");
            log.info("after an appended reserved key");
        }
    },
    /** Null names and values handed to every API that takes one. */
    NULLS {
        @Override
        void run(Metrics metrics) {
            LambdaLogging.appendKey(null, "v");
            LambdaLogging.appendKey("k", null);
            Map<String, Object> keys = new HashMap<>();
            keys.put(null, "v");
            LambdaLogging.appendKeys(keys);
            LambdaLogging.appendKeys(null);
            LambdaLogging.removeKey(null);
            LambdaTracing.putAnnotation(null, "v");
            LambdaTracing.putMetadata(null, "v");
            LambdaTracing.putMetadata("k", null);
            LambdaTracing.withSubsegment(null, () -> "work still runs");
            metrics.addMetric(null, 1, MetricUnit.COUNT);
            metrics.addDimension(null, "v");
            metrics.addMetadata(null, "v");
            log.info(null);
        }
    },
    /** A metric name with a line break and 31 dimensions. */
    INVALID_METRICS {
        @Override
        void run(Metrics metrics) {
            metrics.addMetric("Bad\nName", 1, MetricUnit.COUNT);
            DimensionSet dimensions = new DimensionSet();
            for (int i = 0; i < 31; i++) {
                dimensions.addDimension("D" + i, "v" + i);
            }
            metrics.addDimension(dimensions);
            metrics.addMetric("Fine", 2, MetricUnit.COUNT);
        }
    },
    /** Work carried to a pool with the scope, and a wrap outside any invocation. */
    WORKER_THREADS {
        @Override
        void run(Metrics metrics) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Executor propagating = new Executor(InvocationScope.propagating(pool));
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    all.add(CompletableFuture.runAsync(() -> LambdaTracing.withSubsegment("## worker " + n, () -> {
                        log.info("worker line {}", n);
                        return null;
                    }), propagating));
                }
                CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
                pool.submit(() -> log.info("a worker without the scope")).get(5, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    },
    /** Deep nesting of subsegments, each with a child that ends after its parent. */
    LATE_CHILDREN {
        @Override
        void run(Metrics metrics) throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture<Void> late = new CompletableFuture<>();
                LambdaTracing.withSubsegment("## parent", () -> {
                    InvocationScope scope = InvocationScope.current();
                    pool.submit(scope.wrap(() -> LambdaTracing.withSubsegment("## late child", () -> {
                        LambdaTracing.withSubsegment("## late grandchild", () -> {
                            sleep(50);
                            return null;
                        });
                        late.complete(null);
                        return null;
                    })));
                    return null;
                });
                late.get(5, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    };

    private static final Logger log = LoggerFactory.getLogger(BadDay.class);

    abstract void run(Metrics metrics) throws Exception;

    /** Whether the handler throws {@link #thrown()} after the case's work. */
    boolean throwsAfter() {
        return false;
    }

    RuntimeException thrown() {
        throw new UnsupportedOperationException(name() + " throws nothing");
    }

    /** Runs the case named in the event between the usual first and last lines. */
    public static Map<String, Object> handle(Map<String, Object> event, Metrics metrics) throws Exception {
        BadDay day = BadDay.valueOf(String.valueOf(event.get("badDay")));
        log.info("case started");
        metrics.addMetric(CorpusCase.RUNS, 1, MetricUnit.COUNT);
        day.run(metrics);
        log.info(CorpusCase.DONE);
        if (day.throwsAfter()) {
            throw day.thrown();
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("ok", true);
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An object whose every accessor throws. */
    public static final class Failing {
        public String getName() {
            throw new IllegalStateException("getter fails");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString fails");
        }
    }

    /** {@code CompletableFuture.runAsync} wants an {@link java.util.concurrent.Executor}; this names the one used. */
    private static final class Executor implements java.util.concurrent.Executor {
        private final java.util.concurrent.Executor delegate;

        Executor(java.util.concurrent.Executor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(command);
        }
    }
}
