package dev.lambdalens.benchmarks.runner;

import java.util.Locale;
import java.util.Map;

/**
 * The hot-path tables of the report: time and allocation per operation of each hot path (median and p25 to
 * p75 over every measured JMH iteration), and, when an earlier release was measured in the same run, the
 * log-line benchmarks side by side with it and the ratio of the medians.
 */
final class HotPathReport {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "LogLineBenchmark.plainLine", "Log line, plain message",
            "LogLineBenchmark.lineWithTwoKeyValues", "Log line with two key-values",
            "LogLineBenchmark.lineWithSecret", "Log line with secrets to mask (a card number in the text, a password key-value)",
            "LogLineBenchmark.eventLine", "Log line of the 2.4 KB API Gateway event, as logEvent writes it",
            "MetricFlushBenchmark.addMetricAndFlush", "One addMetric, flushed at the invocation's end (one EMF document)",
            "MetricFlushBenchmark.emptyInvocation", "Reference: an empty invocation through ObservedHandler",
            "SubsegmentBenchmark.subsegmentSent", "One subsegment started, ended, rendered and sent over UDP",
            "OtelBenchmark.lensAnnotated", "OpenTelemetry backend: `@Tracing` handler span and one nested span",
            "OtelBenchmark.lensPlain", "OpenTelemetry backend: `TracingInterceptor` handler span and one `withSubsegment`",
            OtelReport.BY_HAND, "The same two spans by hand with the OpenTelemetry SDK alone");

    private HotPathReport() {
    }

    /**
     * @param bySide per side ({@link HotPathRunner#CURRENT} first, then the release if measured), per benchmark
     */
    static String markdown(Map<String, Map<String, HotPathRunner.Result>> bySide) {
        Map<String, HotPathRunner.Result> current = bySide.get(HotPathRunner.CURRENT);
        if (current == null || current.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Hot paths (JMH average time per operation, GC profiler)\n\n")
                .append("Each log line is written inside an invocation (so it carries the request and trace ids) "
                        + "through the library's default Logback configuration to a standard output that counts "
                        + "bytes; the metric and the subsegment each take one invocation through "
                        + "`ObservedHandler`, so subtract the empty invocation for the operation alone.\n\n")
                .append("| Hot path | Benchmark | Iterations | Median (ns/op) | Spread (p25 to p75) | Allocated (B/op, median) |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        current.forEach((name, result) -> {
            Summary time = result.time();
            md.append(row(DESCRIPTIONS.getOrDefault(name, name), "`" + name + "`", Integer.toString(time.count()),
                    number(time.median()), number(time.p25()) + " to " + number(time.p75()),
                    number(result.allocation().median())));
        });
        bySide.forEach((side, release) -> {
            if (!side.equals(HotPathRunner.CURRENT)) {
                comparison(md, side, current, release);
            }
        });
        return md.toString();
    }

    private static void comparison(StringBuilder md, String side, Map<String, HotPathRunner.Result> current,
                                   Map<String, HotPathRunner.Result> release) {
        md.append("\n### Masking cost per log line: current code against ").append(side)
                .append(" (before masking), same run\n\n")
                .append("Same benchmark class, same jars but Lambda Lens's core and logging; each benchmark ran on "
                        + "the current code and then on ").append(side).append(". Ratio: current median over ")
                .append(side).append("'s.\n\n")
                .append("| Log line | Current (ns/op) | Spread | ").append(side).append(" (ns/op) | Spread | Ratio | ")
                .append("Current (B/op) | ").append(side).append(" (B/op) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        release.forEach((name, before) -> {
            HotPathRunner.Result now = current.get(name);
            if (now == null) {
                return;
            }
            Summary ours = now.time();
            Summary theirs = before.time();
            md.append(row(DESCRIPTIONS.getOrDefault(name, name), number(ours.median()),
                    number(ours.p25()) + " to " + number(ours.p75()), number(theirs.median()),
                    number(theirs.p25()) + " to " + number(theirs.p75()), ratio(ours.median(), theirs.median()),
                    number(now.allocation().median()), number(before.allocation().median())));
        });
    }

    private static String ratio(double ours, double theirs) {
        return Double.isNaN(ours) || Double.isNaN(theirs) || theirs == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", ours / theirs);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
