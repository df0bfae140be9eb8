package dev.lambdalens.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a cold start's time goes, as far as class loading tells: one extra cold start per variant with
 * {@code -Xlog:class+load}, summarised as the number of classes loaded and where they came from (the JDK's
 * runtime image or CDS archive, or a jar). Class counts do not depend on machine load, so they explain
 * differences that the timings of a noisy machine only hint at.
 */
final class ClassLoadingProfile {

    /** How many package name segments the by-package table keeps ({@code dev.lambdalens.core}, {@code sun.nio.ch}). */
    static final int PACKAGE_DEPTH = 3;
    /** Rows per variant in the by-package table. */
    static final int PACKAGES_SHOWN = 14;

    /**
     * Classes loaded by one cold start, by origin (a jar's file name, or "JDK"), and their names (to tell which
     * ones the baseline does not load).
     */
    record Counts(int total, Map<String, Integer> byOrigin, Set<String> classes) {
    }

    private ClassLoadingProfile() {
    }

    /** The JVM option that makes a child write its class-load log to {@code file}. */
    static String jvmOption(Path file) {
        return "-Xlog:class+load=info:file=" + file + ":none";
    }

    static Counts read(Path logFile) throws IOException {
        Map<String, Integer> byOrigin = new TreeMap<>();
        Set<String> classes = new HashSet<>();
        int total = 0;
        for (String line : Files.readAllLines(logFile)) {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                continue;
            }
            total++;
            byOrigin.merge(origin(line.substring(source + 9).trim()), 1, Integer::sum);
            String name = line.substring(0, source).trim();
            classes.add(name.substring(name.lastIndexOf(' ') + 1));
        }
        return new Counts(total, byOrigin, classes);
    }

    /**
     * Markdown: per Lambda Lens variant, the classes it loads that its baseline does not ({@code aws-none} for
     * {@code aws-lens}, else {@code baseline}), by package (lambdas count in their host class's package),
     * largest first. Empty without a baseline.
     */
    static String byPackageMarkdown(Map<Variant, Counts> counts) {
        if (!counts.containsKey(Variant.BASELINE)) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Classes the Lambda Lens variants load that their baseline does not, by package\n\n")
                .append("| Variant | Baseline | Classes not in the baseline | Largest packages (classes) |\n|---|---|---:|---|\n");
        counts.forEach((variant, c) -> {
            Variant base = variant.group() == Variant.Group.AWS_LENS ? Variant.AWS_NONE
                    : variant.group() == Variant.Group.LENS ? Variant.BASELINE : null;
            Counts baseline = base == null ? null : counts.get(base);
            if (baseline == null) {
                return;
            }
            Map<String, Integer> byPackage = new TreeMap<>();
            c.classes().stream().filter(name -> !baseline.classes().contains(name))
                    .forEach(name -> byPackage.merge(packageOf(name), 1, Integer::sum));
            int extra = byPackage.values().stream().mapToInt(Integer::intValue).sum();
            String top = byPackage.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(PACKAGES_SHOWN)
                    .map(e -> "`" + e.getKey() + "` " + e.getValue())
                    .collect(Collectors.joining(", "));
            md.append("| ").append(variant.id()).append(" | ").append(base.id()).append(" | ").append(extra).append(" | ")
                    .append(top).append(" |\n");
        });
        return md.toString();
    }

    /**
     * The first {@link #PACKAGE_DEPTH} segments of a class's package; a lambda or hidden class
     * ({@code a.b.C$$Lambda$12/0x...}) belongs to its host's package.
     */
    static String packageOf(String className) {
        int end = className.length();
        for (char marker : new char[] {'$', '/'}) {
            int at = className.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String outer = className.substring(0, end);
        int lastDot = outer.lastIndexOf('.');
        if (lastDot < 0) {
            return "(default package)";
        }
        String[] segments = outer.substring(0, lastDot).split("\\.");
        return String.join(".", Arrays.copyOf(segments, Math.min(segments.length, PACKAGE_DEPTH)));
    }

    /** Markdown: per variant, classes loaded and the origins adding the most classes over the baseline. */
    static String markdown(Map<Variant, Counts> counts) {
        Counts baseline = counts.get(Variant.BASELINE);
        StringBuilder md = new StringBuilder("\n### Classes loaded by one cold start (-Xlog:class+load)\n\n")
                .append("| Variant | Classes | Over baseline | Largest contributors (classes) |\n|---|---:|---:|---|\n");
        counts.forEach((variant, c) -> {
            String top = c.byOrigin().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()
                            - (baseline == null ? 0 : baseline.byOrigin().getOrDefault(e.getKey(), 0))))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(variant == Variant.BASELINE ? 0 : 6)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            md.append("| ").append(variant.id()).append(" | ").append(c.total()).append(" | ")
                    .append(baseline == null || variant == Variant.BASELINE ? "" : c.total() - baseline.total())
                    .append(" | ").append(top).append(" |\n");
        });
        return md.toString();
    }

    private static String origin(String source) {
        if (source.startsWith("jrt:/") || source.startsWith("shared objects file")) {
            return "JDK";
        }
        int jar = source.lastIndexOf(".jar");
        if (jar > 0) {
            String path = source.substring(0, jar + 4);
            return path.substring(path.lastIndexOf('/') + 1);
        }
        if (source.contains("/target/classes")) {
            return "handler classes";
        }
        return source.startsWith("__") ? "generated" : source;
    }
}
