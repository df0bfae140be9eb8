package dev.lambdalens.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs {@link InvocationBenchmark} for a set of variants: one JMH process per class path and round, each on
 * its variant module's class path, with the Lambda environment of {@link BenchmarkEnvironment}. Rounds
 * interleave the class paths so that slow phases of a shared machine spread over all variants.
 */
final class JmhRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassPaths classPaths;
    private final Path outputDir;
    private final Profile profile;

    JmhRunner(ClassPaths classPaths, Path outputDir, Profile profile) {
        this.classPaths = classPaths;
        this.outputDir = outputDir;
        this.profile = profile;
    }

    /** Time and allocation per invocation of one variant in one JMH fork set. */
    record Result(Variant variant, double microsPerOp, double microsError, double bytesPerOp) {
    }

    /** Every variant's results, one per round. */
    Map<Variant, List<Result>> run(List<Variant> variants) throws IOException, InterruptedException {
        Map<Variant.Group, List<Variant>> byGroup = variants.stream()
                .collect(Collectors.groupingBy(Variant::group, LinkedHashMap::new, Collectors.toList()));
        Map<Variant, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= profile.jmhRounds(); round++) {
            for (Map.Entry<Variant.Group, List<Variant>> group : byGroup.entrySet()) {
                for (Result result : runGroup(group.getKey(), group.getValue(), round)) {
                    results.computeIfAbsent(result.variant(), v -> new ArrayList<>()).add(result);
                }
            }
        }
        return results;
    }

    private List<Result> runGroup(Variant.Group group, List<Variant> variants, int round)
            throws IOException, InterruptedException {
        String name = "jmh-" + group.module() + "-r" + round;
        Path resultFile = outputDir.resolve(name + ".json");
        Path logFile = outputDir.resolve(name + ".log");
        Path taskRoot = Files.createDirectories(outputDir.resolve("task-root"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPaths.forJmh(group),
                "org.openjdk.jmh.Main", InvocationBenchmark.class.getName() + ".invoke",
                "-p", "variant=" + variants.stream().map(Variant::id).collect(Collectors.joining(",")),
                "-f", Integer.toString(profile.jmhForks()),
                "-wi", Integer.toString(profile.warmupIterations()),
                "-w", profile.iterationSeconds() + "s",
                "-i", Integer.toString(profile.iterations()),
                "-r", profile.iterationSeconds() + "s",
                "-prof", "gc",
                "-foe", "true",
                "-rf", "json", "-rff", resultFile.toString()));
        System.out.printf("[jmh] round %d, %s: %s (log: %s)%n", round, group.module(), variants, logFile);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().clear();
        builder.environment().putAll(BenchmarkEnvironment.forJmh(taskRoot, "127.0.0.1:" + freeUdpPort()));
        int exit = builder.start().waitFor();
        if (exit != 0 || !Files.exists(resultFile)) {
            List<String> log = Files.readAllLines(logFile);
            throw new IllegalStateException("JMH failed for " + group.module() + " (exit " + exit + "); last lines:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
        }
        // JMH prints the fork's stderr after its own prefix ("Iteration   1: ").
        Files.readAllLines(logFile).stream().filter(line -> line.contains("[emission check]"))
                .forEach(line -> System.out.println("[jmh] " + line.substring(line.indexOf("[emission check]"))));
        return parse(resultFile);
    }

    private static List<Result> parse(Path resultFile) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode benchmark : JSON.readTree(resultFile.toFile())) {
            Variant variant = Variant.byId(benchmark.path("params").path("variant").asText());
            JsonNode primary = benchmark.path("primaryMetric");
            JsonNode allocation = benchmark.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.add(new Result(variant, primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                    allocation.path("score").asDouble(Double.NaN)));
        }
        return results;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
