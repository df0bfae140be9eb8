package dev.lambdalens.benchmarks.runner;

import dev.lambdalens.benchmarks.workload.SampleEvent;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold starts: each run is a fresh JVM running the real runtime client through {@link LocalLambdaRuntime}, timed
 * from just before the child process is started to the first response received. Variants are interleaved
 * (A B C A B C ...) so that a noisy phase of the machine hits all of them alike, and every run's output is
 * checked for the variant's emissions.
 */
final class ColdStartRunner {
    private final ClassPaths classPaths;
    private final Path outputDir;
    private final int rounds;

    ColdStartRunner(ClassPaths classPaths, Path outputDir, int rounds) {
        this.classPaths = classPaths;
        this.outputDir = outputDir;
        this.rounds = rounds;
    }

    /**
     * Per variant, index = round: milliseconds from JVM start to the first response, and of those the first
     * invocation's own (from its hand-out by {@code /invocation/next} to its response, as the local Runtime API
     * server measures it: {@link Invocation#duration()}), which is what priming during init is meant to shorten.
     */
    record Runs(Map<Variant, List<Double>> toFirstResponse, Map<Variant, List<Double>> firstInvocation) {
        static final Runs NONE = new Runs(Map.of(), Map.of());
    }

    Runs run(List<Variant> variants) throws IOException {
        Map<Variant, String> classpaths = new LinkedHashMap<>();
        for (Variant variant : variants) {
            classpaths.put(variant, classPaths.of(variant.group()));
        }
        String event = SampleEvent.json();
        Map<Variant, List<Double>> millis = new LinkedHashMap<>();
        Map<Variant, List<Double>> firstInvocation = new LinkedHashMap<>();
        variants.forEach(variant -> {
            millis.put(variant, new ArrayList<>());
            firstInvocation.put(variant, new ArrayList<>());
        });
        StringBuilder csv = new StringBuilder("round,variant,millis,first_invocation_millis\n");
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            // One discarded run warms this JVM's side (server, process spawning) so round 1 is not penalised.
            coldStart(Variant.BASELINE, classPaths.of(Variant.BASELINE.group()), event, daemon);
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("[cold start] round " + round
                        + ", ms to first response (of which first invocation):");
                for (Variant variant : variants) {
                    Timing timing = coldStart(variant, classpaths.get(variant), event, daemon);
                    millis.get(variant).add(timing.toFirstResponse());
                    firstInvocation.get(variant).add(timing.firstInvocation());
                    csv.append(round).append(',').append(variant.id()).append(',')
                            .append(String.format(Locale.ROOT, "%.1f,%.1f", timing.toFirstResponse(),
                                    timing.firstInvocation())).append('\n');
                    line.append(String.format(Locale.ROOT, " %s=%.0f(%.0f)", variant.id(), timing.toFirstResponse(),
                            timing.firstInvocation()));
                }
                System.out.println(line);
            }
        }
        Files.writeString(outputDir.resolve("coldstart-runs.csv"), csv);
        return new Runs(millis, firstInvocation);
    }

    private record Timing(double toFirstResponse, double firstInvocation) {
    }

    /** One more cold start per variant with the class-load log on, outside the timed runs. */
    Map<Variant, ClassLoadingProfile.Counts> classLoading(List<Variant> variants) throws IOException {
        Map<Variant, ClassLoadingProfile.Counts> counts = new LinkedHashMap<>();
        String event = SampleEvent.json();
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            for (Variant variant : variants) {
                Path log = outputDir.resolve("classload-" + variant.id() + ".log");
                Files.deleteIfExists(log);
                coldStart(variant, classPaths.of(variant.group()), event, daemon,
                        ClassLoadingProfile.jvmOption(log));
                counts.put(variant, ClassLoadingProfile.read(log));
            }
        }
        return counts;
    }

    private static Timing coldStart(Variant variant, String classpath, String event, LocalXRayDaemon daemon,
                                    String... jvmOptions) {
        daemon.clear();
        LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder()
                .handler(variant.handlerClass() + "::handleRequest")
                .functionName(BenchmarkEnvironment.FUNCTION_NAME)
                .region(BenchmarkEnvironment.REGION)
                .memoryMb(BenchmarkEnvironment.MEMORY_MB)
                .initTimeout(Duration.ofSeconds(30))
                .timeout(Duration.ofSeconds(30))
                .classpath(classpath)
                .xrayDaemonAddress(daemon.address());
        BenchmarkEnvironment.observabilitySettings().forEach(builder::env);
        variant.environment().forEach(builder::env);
        for (String option : jvmOptions) {
            builder.jvmArg(option);
        }
        try (LocalLambdaRuntime runtime = builder.build()) {
            long start = System.nanoTime();
            Invocation invocation = runtime.invoke(event);
            double millis = (System.nanoTime() - start) / 1e6;
            check(variant, invocation, daemon);
            return new Timing(millis, invocation.duration().toNanos() / 1e6);
        }
    }

    /** Fails the run when the variant did not respond or did not emit what it claims. */
    private static void check(Variant variant, Invocation invocation, LocalXRayDaemon daemon) {
        if (!invocation.succeeded() || invocation.response().filter(r -> r.contains(Emission.ORDER_ID)).isEmpty()) {
            throw new IllegalStateException("Cold start of " + variant + " failed: " + invocation
                    + "\nstdout: " + invocation.stdout() + "\nstderr: " + invocation.stderr());
        }
        String traceRoot = invocation.traceRoot().orElseThrow();
        List<String> missing = new ArrayList<>();
        for (Emission emission : variant.emissions()) {
            List<String> candidates = emission.inDatagram() ? datagrams(daemon, traceRoot) : invocation.stdout();
            if (!emission.foundIn(candidates, traceRoot)) {
                missing.add(emission.description());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cold start of " + variant + " did not emit " + missing
                    + "\nstdout: " + invocation.stdout() + "\nstderr: " + invocation.stderr()
                    + "\ndatagrams: " + daemon.datagrams());
        }
    }

    /** The datagrams of this trace, waiting briefly: UDP may arrive just after the response. */
    private static List<String> datagrams(LocalXRayDaemon daemon, String traceRoot) {
        try {
            daemon.awaitDocuments(1, Duration.ofSeconds(2),
                    document -> traceRoot.equals(document.path("trace_id").asText())
                            && document.path("name").asText().contains("loadOrder"));
        } catch (AssertionError notArrived) {
            // Reported by the caller as a missing emission, with every datagram received.
        }
        List<String> raw = new ArrayList<>();
        daemon.datagrams().forEach(datagram -> raw.add(datagram.raw()));
        return raw;
    }
}
