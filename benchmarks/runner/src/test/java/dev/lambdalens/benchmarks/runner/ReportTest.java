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

    @Test
    void wideMarginFailsOnlyRatioBudgetsMissedByMoreThanOneAndAHalfTimes() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        coldStart.put(Variant.BASELINE, List.of(400.0));
        coldStart.put(Variant.POWERTOOLS_ALL, List.of(1000.0)); // overhead 600: the 1/3 limit is 200
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(700.0)); // 300: 1.5 times the limit, not more
        Report withinMargin = new Report("# test", coldStart, Map.of(), Map.of());

        assertFalse(withinMargin.allBudgetsPass(), "exact budgets: 300 is over 200, 300 over 120");
        assertTrue(withinMargin.markdown().contains(
                "| Cold start overhead, all three (lens-all-annotated) <= 1/3 of Powertools' | 300 | 600 | 200 | FAIL |"),
                "the report still states the exact budget's result");
        assertEquals(List.of(), withinMargin.widelyMissedRatioBudgets(),
                "exactly 1.5 times is within the margin; the 120 ms limit (2.5 times) is absolute, not a ratio");
        assertTrue(withinMargin.ratioBudgetsWithinWideMargin());
        assertTrue(withinMargin.markdown().contains("No ratio budget is missed that widely."));

        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(702.0)); // 302: 1.51 times
        Report wideMiss = new Report("# test", coldStart, Map.of(), Map.of());
        List<String> missed = wideMiss.widelyMissedRatioBudgets();
        assertEquals(1, missed.size(), missed.toString());
        assertTrue(missed.get(0).startsWith("Cold start overhead, all three (lens-all-annotated) <= 1/3 of Powertools'"
                + " (302 against a limit of 200, 1.51 times)"), missed.get(0));
        assertFalse(wideMiss.ratioBudgetsWithinWideMargin());
        assertTrue(wideMiss.markdown().contains("Missed that widely: Cold start overhead, all three (lens-all-annotated)"),
                wideMiss.markdown());
    }

    @Test
    void wideMarginReadsPerInvocationAndAllocationBudgetsAndSkipsWhatWasNotMeasured() {
        Map<Variant, List<JmhRunner.Result>> jmh = new LinkedHashMap<>();
        jmh.put(Variant.BASELINE, List.of(new JmhRunner.Result(Variant.BASELINE, 1, 0.1, 400)));
        // 61 µs over the baseline against a limit of 80 / 2 = 40: 1.53 times.
        jmh.put(Variant.LENS_ALL_PLAIN, List.of(new JmhRunner.Result(Variant.LENS_ALL_PLAIN, 62, 1, 20000)));
        jmh.put(Variant.POWERTOOLS_ALL, List.of(new JmhRunner.Result(Variant.POWERTOOLS_ALL, 81, 1, 50000)));
        // (4900 - 400) / 3 = 1500 B per line against a limit of (9400 - 400) / 3 / 2 = 1500 B: passes exactly.
        jmh.put(Variant.LENS_LOGGING, List.of(new JmhRunner.Result(Variant.LENS_LOGGING, 20, 1, 4900)));
        jmh.put(Variant.POWERTOOLS_LOGGING, List.of(new JmhRunner.Result(Variant.POWERTOOLS_LOGGING, 60, 1, 9400)));
        Report report = new Report("# test", Map.of(), Map.of(), jmh);

        List<String> missed = report.widelyMissedRatioBudgets();
        assertEquals(1, missed.size(), missed.toString());
        assertTrue(missed.get(0).startsWith("Per-invocation overhead, all three (lens-all-plain) <= 1/2 of Powertools' "
                + "(61.00 µs against a limit of 40.00 µs, 1.53 times)"), missed.get(0));
        assertTrue(report.markdown().contains("| 1500 B | 3000 B | 1500 B | PASS |"), report.markdown());
        // Cold-start and DynamoDB budgets are NOT MEASURED here: they are never a wide miss.
        assertTrue(report.markdown().contains("NOT MEASURED"));
    }

    @Test
    void leadingNumberReadsTheCellsTheBudgetTableWrites() {
        assertEquals(28.43, Report.leadingNumber("28.43 µs"));
        assertEquals(456, Report.leadingNumber("456 B"));
        assertEquals(-3, Report.leadingNumber("-3"));
        assertTrue(Double.isNaN(Report.leadingNumber("n/a µs")));
        assertTrue(Double.isNaN(Report.leadingNumber("")));
    }
}
