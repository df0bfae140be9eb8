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
}
