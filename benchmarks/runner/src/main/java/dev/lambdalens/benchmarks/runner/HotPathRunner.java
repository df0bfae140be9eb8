package dev.lambdalens.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the per-hot-path benchmarks ({@link LogLineBenchmark}, {@link MetricFlushBenchmark},
 * {@link SubsegmentBenchmark}, and {@link OtelBenchmark} on its own class path with the OpenTelemetry SDK) in JMH forks with the GC profiler, and, given the jars of an earlier release,
 * the log-line benchmarks on that release's core and logging too: each log-line benchmark is run on the current
 * code and then on the release, one after the other, so that both sides of a ratio see the same machine.
 */
final class HotPathRunner {
    static final String CURRENT = "current";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACKAGE = HotPathRunner.class.getPackageName() + ".";
    /** The log-line benchmarks, each run in its own JMH process so that the two sides alternate. */
    static final List<String> LOG_LINES = List.of("plainLine", "lineWithTwoKeyValues", "lineWithSecret", "eventLine");

    private final ClassPaths classPaths;
    private final Path outputDir;
    private final Profile profile;
    private final Path releaseJars;
    private final String releaseLabel;

    /**
     * @param releaseJars  a folder with {@code lambda-lens-core.jar} and {@code lambda-lens-logging.jar} of the
     *                     release to compare with, or {@code null} for the current code alone
     * @param releaseLabel what the report calls that release (its commit)
     */
    HotPathRunner(ClassPaths classPaths, Path outputDir, Profile profile, Path releaseJars, String releaseLabel) {
        this.classPaths = classPaths;
        this.outputDir = outputDir;
        this.profile = profile;
        this.releaseJars = releaseJars;
        this.releaseLabel = releaseLabel;
    }

    /**
     * One benchmark's measurements on one side: every measured iteration of every fork and round.
     *
     * @param side      {@link #CURRENT} or the release's label
     * @param benchmark the class's simple name and the method, e.g. {@code LogLineBenchmark.plainLine}
     */
    record Result(String side, String benchmark, List<Double> nanosPerOp, List<Double> bytesPerOp) {
        Summary time() {
            return Summary.of(nanosPerOp);
        }

        Summary allocation() {
            return Summary.of(bytesPerOp);
        }
    }

    /** Every benchmark's results, per side (current first), iterations of all rounds pooled. */
    Map<String, Map<String, Result>> run() throws IOException, InterruptedException {
        Map<String, Map<String, Result>> bySide = new LinkedHashMap<>();
        for (int round = 1; round <= profile.jmhRounds(); round++) {
            for (String method : LOG_LINES) {
                String regex = PACKAGE + "LogLineBenchmark." + method + "$";
                add(bySide, runJmh(CURRENT, classPaths.forLogLineJmh(null), regex, method, round));
                if (releaseJars != null) {
                    add(bySide, runJmh(releaseLabel, classPaths.forLogLineJmh(releaseJars), regex, method, round));
                }
            }
            add(bySide, runJmh(CURRENT, classPaths.forJmh(Variant.Group.LENS),
                    PACKAGE + "(MetricFlushBenchmark|SubsegmentBenchmark)\\.", "metrics-tracing", round));
            add(bySide, runJmh(CURRENT, classPaths.forOtelJmh(), PACKAGE + "OtelBenchmark\\.", "otel", round));
        }
        return bySide;
    }

    private static void add(Map<String, Map<String, Result>> bySide, List<Result> results) {
        for (Result result : results) {
            Map<String, Result> side = bySide.computeIfAbsent(result.side(), s -> new LinkedHashMap<>());
            Result earlier = side.get(result.benchmark());
            side.put(result.benchmark(), earlier == null ? result : new Result(result.side(), result.benchmark(),
                    concat(earlier.nanosPerOp(), result.nanosPerOp()), concat(earlier.bytesPerOp(), result.bytesPerOp())));
        }
    }

    private List<Result> runJmh(String side, String classPath, String regex, String name, int round)
            throws IOException, InterruptedException {
        String file = "jmh-hotpath-" + side + "-" + name + "-r" + round;
        Path resultFile = outputDir.resolve(file + ".json");
        Path logFile = outputDir.resolve(file + ".log");
        Files.deleteIfExists(resultFile);
        Path taskRoot = Files.createDirectories(outputDir.resolve("task-root"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath,
                "org.openjdk.jmh.Main", regex,
                "-f", Integer.toString(profile.jmhForks()),
                "-wi", Integer.toString(profile.warmupIterations()),
                "-w", profile.iterationSeconds() + "s",
                "-i", Integer.toString(profile.iterations()),
                "-r", profile.iterationSeconds() + "s",
                "-prof", "gc",
                "-foe", "true",
                "-rf", "json", "-rff", resultFile.toString());
        System.out.printf("[hotpath] round %d, %s: %s (log: %s)%n", round, side, name, logFile);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().clear();
        builder.environment().putAll(BenchmarkEnvironment.forJmh(taskRoot, "127.0.0.1:" + JmhRunner.freeUdpPort()));
        int exit = builder.start().waitFor();
        List<Result> results = Files.exists(resultFile) ? parse(side, resultFile) : List.of();
        if (exit != 0 || results.isEmpty()) {
            List<String> log = Files.readAllLines(logFile);
            throw new IllegalStateException("JMH failed for the hot path " + name + " on " + side + " (exit " + exit
                    + "); last lines:\n" + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
        }
        Files.readAllLines(logFile).stream().filter(line -> line.contains("[hot path check]"))
                .forEach(line -> System.out.println("[hotpath] " + side + " "
                        + line.substring(line.indexOf("[hot path check]"))));
        return results;
    }

    static List<Result> parse(String side, Path resultFile) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode benchmark : JSON.readTree(resultFile.toFile())) {
            String name = benchmark.path("benchmark").asText();
            name = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
            results.add(new Result(side, name, raw(benchmark.path("primaryMetric")),
                    raw(benchmark.path("secondaryMetrics").path("gc.alloc.rate.norm"))));
        }
        return results;
    }

    /** Every measured iteration of every fork ({@code rawData} is one list per fork). */
    private static List<Double> raw(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                values.add(iteration.asDouble());
            }
        }
        return values;
    }

    private static List<Double> concat(List<Double> a, List<Double> b) {
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
