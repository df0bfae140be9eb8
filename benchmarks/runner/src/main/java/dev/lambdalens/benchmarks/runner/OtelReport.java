package dev.lambdalens.benchmarks.runner;

import java.util.Locale;
import java.util.Map;

/**
 * Issue 13's OpenTelemetry table: {@link OtelBenchmark}'s two Lambda Lens variants against the OpenTelemetry SDK
 * making the same two spans by hand, in the same run, with the ratio of the medians (time and allocation). Reported,
 * not a budget: the issue sets no limit.
 */
final class OtelReport {
    static final String BY_HAND = "OtelBenchmark.sdkByHand";
    private static final Map<String, String> LENS = Map.of(
            "OtelBenchmark.lensAnnotated", "Lambda Lens, `@Tracing` on the handler and a nested method (woven)",
            "OtelBenchmark.lensPlain", "Lambda Lens, `ObservedHandler` with `TracingInterceptor` and `withSubsegment`");

    private OtelReport() {
    }

    /** The table, or nothing when {@link OtelBenchmark} did not run. */
    static String markdown(Map<String, Map<String, HotPathRunner.Result>> bySide) {
        Map<String, HotPathRunner.Result> current = bySide.get(HotPathRunner.CURRENT);
        HotPathRunner.Result byHand = current == null ? null : current.get(BY_HAND);
        if (byHand == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### OpenTelemetry backend: a handler span with one nested span, "
                + "Lambda Lens against the OpenTelemetry SDK by hand (issue 13)\n\n")
                .append("One invocation per operation; the same SDK in every fork (`SdkTracerProvider`, "
                        + "`SimpleSpanProcessor`, an exporter that discards), registered as `GlobalOpenTelemetry`. "
                        + "Ratio: the median over the SDK by hand's.\n\n")
                .append("| Spans made by | Benchmark | Iterations | Median (ns/op) | Spread (p25 to p75) | "
                        + "Allocated (B/op, median) | Time ratio | Allocation ratio |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String name : new String[] {"OtelBenchmark.lensAnnotated", "OtelBenchmark.lensPlain"}) {
            HotPathRunner.Result lens = current.get(name);
            if (lens != null) {
                row(md, LENS.get(name), name, lens, byHand);
            }
        }
        row(md, "The OpenTelemetry SDK alone, by hand", BY_HAND, byHand, byHand);
        return md.toString();
    }

    private static void row(StringBuilder md, String description, String name, HotPathRunner.Result result,
                            HotPathRunner.Result byHand) {
        Summary time = result.time();
        md.append("| ").append(description).append(" | `").append(name).append("` | ").append(time.count())
                .append(" | ").append(number(time.median())).append(" | ").append(number(time.p25())).append(" to ")
                .append(number(time.p75())).append(" | ").append(number(result.allocation().median())).append(" | ")
                .append(ratio(time.median(), byHand.time().median())).append(" | ")
                .append(ratio(result.allocation().median(), byHand.allocation().median())).append(" |\n");
    }

    private static String ratio(double ours, double theirs) {
        return Double.isNaN(ours) || Double.isNaN(theirs) || theirs == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", ours / theirs);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }
}
