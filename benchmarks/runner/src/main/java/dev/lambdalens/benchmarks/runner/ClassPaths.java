package dev.lambdalens.benchmarks.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class paths of the benchmark modules, as their builds wrote them to {@code target/classpath.txt}. */
final class ClassPaths {
    /** JMH's own jars, which a JMH fork needs besides the variant's class path. */
    private static final List<String> JMH_JARS = List.of("jmh-core", "jopt-simple", "commons-math3");

    private final Path benchmarksDir;

    ClassPaths(Path benchmarksDir) {
        this.benchmarksDir = benchmarksDir.toAbsolutePath().normalize();
    }

    /** The module's classes and its runtime dependencies: what a function of that variant deploys. */
    String of(Variant.Group group) {
        Path module = benchmarksDir.resolve(group.module());
        Path classes = module.resolve("target/classes");
        Path dependencies = module.resolve("target/classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("Module " + module + " is not built (no target/classes or "
                    + "target/classpath.txt); build the benchmarks with './mvnw -DskipTests package' first");
        }
        try {
            return classes + File.pathSeparator + Files.readString(dependencies).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class path of a JMH run for {@code group}: the variant's class path first, then this runner's
     * classes (the benchmark and JMH's generated code) and JMH's jars, nothing else of the runner's.
     */
    String forJmh(Variant.Group group) {
        List<String> entries = new ArrayList<>();
        entries.add(of(group));
        entries.add(benchmarksDir.resolve("runner/target/classes").toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (JMH_JARS.stream().anyMatch(name::startsWith)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The class path of a JMH run of {@link LogLineBenchmark}: the Lambda Lens handlers' class path with only
     * what a log line needs (the handler classes, tracing, metrics and AspectJ's runtime left out), its core and
     * logging jars replaced by {@code release}'s {@code lambda-lens-core.jar} and {@code lambda-lens-logging.jar}
     * when {@code release} is not null; then what {@link #forJmh} adds. Every other jar is the same on both sides.
     */
    String forLogLineJmh(Path release) {
        List<String> entries = new ArrayList<>();
        Path handlerClasses = benchmarksDir.resolve(Variant.Group.LENS.module()).resolve("target/classes");
        for (String entry : forJmh(Variant.Group.LENS).split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (Path.of(entry).equals(handlerClasses) || name.startsWith("lambda-lens-tracing-")
                    || name.startsWith("lambda-lens-metrics-") || name.startsWith("aspectjrt-")) {
                continue;
            }
            if (release != null && name.startsWith("lambda-lens-core-")) {
                entries.add(releaseJar(release, "lambda-lens-core.jar"));
            } else if (release != null && name.startsWith("lambda-lens-logging-")) {
                entries.add(releaseJar(release, "lambda-lens-logging.jar"));
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The class path of a JMH run of {@link OtelBenchmark}: what {@link #forJmh} gives for the Lambda Lens handlers,
     * plus the OpenTelemetry SDK and API that the runner's build lists in {@code target/otel-classpath.txt}. No
     * variant has them: only this benchmark's forks.
     */
    String forOtelJmh() {
        Path otel = benchmarksDir.resolve("runner/target/otel-classpath.txt");
        if (!Files.isRegularFile(otel)) {
            throw new IllegalStateException(otel + " is missing: build the benchmarks with "
                    + "'./mvnw -DskipTests package' first");
        }
        try {
            return forJmh(Variant.Group.LENS) + File.pathSeparator + Files.readString(otel).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String releaseJar(Path release, String name) {
        Path jar = release.toAbsolutePath().normalize().resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the release's jars with "
                    + "benchmarks/run-masking-cost.sh");
        }
        return jar.toString();
    }
}
