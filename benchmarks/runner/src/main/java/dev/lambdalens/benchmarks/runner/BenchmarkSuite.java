package dev.lambdalens.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The benchmark entry point: runs the per-invocation (JMH) and cold-start benchmarks for the variants, checks
 * that each variant emits what it claims, and writes {@code benchmark-report.md} and {@code benchmark-report.svg}
 * to {@code benchmarks/target/}, printing the Markdown.
 *
 * <pre>
 * java -cp ... dev.lambdalens.benchmarks.runner.BenchmarkSuite [--profile short|long]
 *      [--only jmh|hotpath|coldstart] [--variants baseline,lens-all-plain,...] [--benchmarks-dir benchmarks]
 *      [--release-jars DIR] [--fail-on-budget | --fail-on-budget=wide]
 * </pre>
 *
 * {@code --only jmh} is the whole invocation per variant, {@code --only hotpath} the per-hot-path benchmarks
 * (one log line, one metric, one subsegment); without {@code --only} all three run. {@code --release-jars DIR}
 * (a folder with an earlier release's {@code lambda-lens-core.jar} and {@code lambda-lens-logging.jar}, and
 * its commit in {@code commit.txt}) also runs the log-line benchmarks on that release, for the masking-cost
 * table; {@code benchmarks/run-masking-cost.sh} builds it.
 *
 * <p>Exits 1 when a variant fails (crash, missing emission); with {@code --fail-on-budget} also 2 when a budget
 * is missed, with {@code --fail-on-budget=wide} 2 only when a ratio budget is missed by more than
 * {@link Report#WIDE_MARGIN} times its limit (the report states pass or fail for the exact budgets either way).
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.SHORT;
        List<Variant> variants = List.of(Variant.values());
        String only = null;
        Path benchmarksDir = Path.of("benchmarks");
        boolean failOnBudget = false;
        boolean failOnWideMissOnly = false;
        Path releaseJars = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile" -> profile = Profile.named(args[++i]);
                case "--variants" -> variants = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Variant::byId).toList();
                case "--only" -> only = args[++i];
                case "--benchmarks-dir" -> benchmarksDir = Path.of(args[++i]);
                case "--fail-on-budget", "--fail-on-budget=exact" -> failOnBudget = true;
                case "--fail-on-budget=wide" -> {
                    failOnBudget = true;
                    failOnWideMissOnly = true;
                }
                case "--release-jars" -> releaseJars = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (only != null && !List.of("jmh", "hotpath", "coldstart").contains(only)) {
            throw new IllegalArgumentException("--only must be jmh, hotpath or coldstart, was " + only);
        }
        if (!variants.contains(Variant.BASELINE)) {
            throw new IllegalArgumentException("--variants must include baseline: every overhead is measured against it");
        }
        Path outputDir = Files.createDirectories(benchmarksDir.toAbsolutePath().normalize().resolve("target"));
        ClassPaths classPaths = new ClassPaths(benchmarksDir);
        Instant started = Instant.now();

        Map<Variant, List<JmhRunner.Result>> jmh = Map.of();
        ColdStartRunner.Runs coldStart = ColdStartRunner.Runs.NONE;
        Map<Variant, ClassLoadingProfile.Counts> classLoading = Map.of();
        Map<String, Map<String, HotPathRunner.Result>> hotPaths = Map.of();
        try {
            if (only == null || "jmh".equals(only)) {
                jmh = new JmhRunner(classPaths, outputDir, profile)
                        .run(variants.stream().filter(variant -> !variant.coldStartOnly()).toList());
            }
            if (only == null || "hotpath".equals(only)) {
                hotPaths = new HotPathRunner(classPaths, outputDir, profile, releaseJars, releaseLabel(releaseJars))
                        .run();
            }
            if (only == null || "coldstart".equals(only)) {
                ColdStartRunner coldStarts = new ColdStartRunner(classPaths, outputDir, profile.coldStartRounds());
                coldStart = coldStarts.run(variants);
                classLoading = coldStarts.classLoading(variants);
            }
        } catch (IllegalStateException e) {
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            System.exit(1);
        }

        Report report = new Report(header(profile, started), coldStart.toFirstResponse(),
                coldStart.firstInvocation(), jmh);
        String markdown = report.markdown() + HotPathReport.markdown(hotPaths) + OtelReport.markdown(hotPaths)
                + (classLoading.isEmpty() ? ""
                        : ClassLoadingProfile.markdown(classLoading) + ClassLoadingProfile.byPackageMarkdown(classLoading));
        Files.writeString(outputDir.resolve("benchmark-report.md"), markdown);
        Files.writeString(outputDir.resolve("benchmark-report.svg"), report.svg());
        System.out.println();
        System.out.println(markdown);
        System.out.println("Report: " + outputDir.resolve("benchmark-report.md") + ", chart: "
                + outputDir.resolve("benchmark-report.svg"));
        if (failOnBudget && !(failOnWideMissOnly ? report.ratioBudgetsWithinWideMargin() : report.allBudgetsPass())) {
            System.err.println(failOnWideMissOnly ? "BUDGET MISSED BY MORE THAN " + Report.WIDE_MARGIN + " TIMES: "
                    + report.widelyMissedRatioBudgets() : "BUDGET MISSED (see the Budgets table)");
            System.exit(2);
        }
    }

    /** The release's commit as {@code run-masking-cost.sh} records it, else the folder's name. */
    private static String releaseLabel(Path releaseJars) throws IOException {
        if (releaseJars == null) {
            return null;
        }
        Path commit = releaseJars.resolve("commit.txt");
        return Files.isRegularFile(commit) ? Files.readString(commit).trim() : releaseJars.getFileName().toString();
    }

    private static String header(Profile profile, Instant started) throws IOException {
        return "## Lambda Lens benchmark (" + profile.name() + " run)\n\n"
                + "- Date: " + started.truncatedTo(ChronoUnit.SECONDS) + ", took "
                + Duration.between(started, Instant.now()).toSeconds() + " s\n"
                + "- Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; function JVMs run with " + String.join(" ", BenchmarkEnvironment.LAMBDA_JVM_OPTIONS) + "\n"
                + "- JMH: " + profile.jmhRounds() + " round(s) x " + profile.jmhForks() + " fork(s), "
                + profile.warmupIterations() + " warm-up and " + profile.iterations() + " measured iterations of "
                + profile.iterationSeconds() + " s; cold start: " + profile.coldStartRounds()
                + " interleaved runs per variant\n"
                + "- Powertools for AWS Lambda (Java) 2.9.0 (log4j2 logging, metrics); tracing with the X-Ray SDK 2.21.0 "
                + "directly, as powertools-tracing 2.x is not on Maven Central\n";
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
