package dev.lambdalens.benchmarks.runner;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @Test
    void summaryInterpolatesQuantiles() {
        Summary summary = Summary.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(2.5, summary.median());
        assertEquals(1.75, summary.p25());
        assertEquals(3.25, summary.p75());
        assertEquals(1.0, summary.min());
        assertEquals(4.0, summary.max());
    }

    @Test
    void coldStartOverheadIsTheMedianOfPairedDifferences() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        // Round 2 is slow for everyone: paired differences cancel it, a difference of medians would not.
        coldStart.put(Variant.BASELINE, List.of(400.0, 900.0, 410.0));
        coldStart.put(Variant.POWERTOOLS_ALL, List.of(1000.0, 1500.0, 1010.0));
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(500.0, 1000.0, 600.0));
        coldStart.put(Variant.LENS_ALL_PLAIN, List.of(700.0, 1300.0, 720.0));
        String markdown = new Report("# test", coldStart, Map.of(), Map.of()).markdown();

        assertTrue(markdown.contains("| lens-all-annotated | 3 | 600 | 550 to 800 | 100 |"), markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-annotated) <= 1/3 of Powertools' | 100 | 600 | 200 | PASS |"), markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-plain) <= 120 ms | 310 |  | 120 | FAIL |"), markdown);
        assertTrue(markdown.contains("NOT MEASURED"), "per-invocation budgets without JMH results");
    }

    @Test
    void theEventLoggingBudgetComparesTheEventVariantsAtAQuarter() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        coldStart.put(Variant.BASELINE, List.of(400.0, 900.0, 410.0));
        coldStart.put(Variant.POWERTOOLS_ALL_EVENT, List.of(1200.0, 1700.0, 1210.0));
        coldStart.put(Variant.LENS_ALL_EVENT, List.of(600.0, 1150.0, 640.0));
        String markdown = new Report("# test", coldStart, Map.of(), Map.of()).markdown();
        // Overheads 200, 250, 230 (median 230) against 800: the limit is 200.
        assertTrue(markdown.contains("| Cold start overhead, all three with the event logged (lens-all-event) <= 1/4 of "
                + "Powertools' (powertools-all-event) | 230 | 800 | 200 | FAIL |"), markdown);
    }

    @Test
    void firstInvocationTableShowsPairedOverheads() {
        Map<Variant, List<Double>> firstInvocation = new LinkedHashMap<>();
        firstInvocation.put(Variant.BASELINE, List.of(10.0, 40.0, 12.0));
        firstInvocation.put(Variant.LENS_ALL_ANNOTATED, List.of(200.0, 260.0, 210.0));
        firstInvocation.put(Variant.LENS_ALL_PRIMED, List.of(60.0, 90.0, 70.0));
        String markdown = new Report("# test", Map.of(), firstInvocation, Map.of()).markdown();

        // Paired differences 50, 50, 58: median 50 (a difference of medians would say 58).
        assertTrue(markdown.contains("| lens-all-primed | 3 | 70 | 65 to 80 | 50 | 50 to 54 |"), markdown);
        assertTrue(markdown.contains("| lens-all-annotated | 3 | 210 | 205 to 235 | 198 | 194 to 209 |"), markdown);
    }

    @Test
    void perInvocationBudgetsCompareOverheadsOverTheBaseline() {
        Map<Variant, List<JmhRunner.Result>> jmh = new LinkedHashMap<>();
        jmh.put(Variant.BASELINE, List.of(new JmhRunner.Result(Variant.BASELINE, 1, 0.1, 400)));
        jmh.put(Variant.LENS_LOGGING, List.of(new JmhRunner.Result(Variant.LENS_LOGGING, 20, 1, 3400)));
        jmh.put(Variant.POWERTOOLS_LOGGING, List.of(new JmhRunner.Result(Variant.POWERTOOLS_LOGGING, 60, 1, 9400)));
        jmh.put(Variant.LENS_ALL_PLAIN, List.of(new JmhRunner.Result(Variant.LENS_ALL_PLAIN, 41, 1, 20000)));
        jmh.put(Variant.POWERTOOLS_ALL, List.of(new JmhRunner.Result(Variant.POWERTOOLS_ALL, 81, 1, 50000)));
        Report report = new Report("# test", Map.of(), Map.of(), jmh);
        String markdown = report.markdown();

        // (3400 - 400) / 3 = 1000 B per line against (9400 - 400) / 3 = 3000 B: limit 1500, pass.
        assertTrue(markdown.contains("| 1000 B | 3000 B | 1500 B | PASS |"), markdown);
        // 40 µs over the baseline against 80: exactly half, pass.
        assertTrue(markdown.contains("(lens-all-plain) <= 1/2 of Powertools' | 40.00 µs | 80.00 µs | 40.00 µs | PASS |"),
                markdown);
        assertFalse(report.allBudgetsPass(), "cold-start budgets were not measured");
    }
}
