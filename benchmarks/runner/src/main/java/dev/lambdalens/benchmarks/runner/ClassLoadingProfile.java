package dev.lambdalens.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a cold start's time goes, as far as class loading tells: one extra cold start per variant with
 * {@code -Xlog:class+load}, summarised as the number of classes loaded and where they came from (the JDK's
 * runtime image or CDS archive, or a jar). Class counts do not depend on machine load, so they explain
 * differences that the timings of a noisy machine only hint at.
 */
final class ClassLoadingProfile {

    /** Classes loaded by one cold start, by origin (a jar's file name, or "JDK"). */
    record Counts(int total, Map<String, Integer> byOrigin) {
    }

    private ClassLoadingProfile() {
    }

    /** The JVM option that makes a child write its class-load log to {@code file}. */
    static String jvmOption(Path file) {
        return "-Xlog:class+load=info:file=" + file + ":none";
    }

    static Counts read(Path logFile) throws IOException {
        Map<String, Integer> byOrigin = new TreeMap<>();
        int total = 0;
        for (String line : Files.readAllLines(logFile)) {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                continue;
            }
            total++;
            byOrigin.merge(origin(line.substring(source + 9).trim()), 1, Integer::sum);
        }
        return new Counts(total, byOrigin);
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
