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
        // 100 over the baseline against 600: exactly 1/6, pass; 310 is over both 1/6 and 60 ms.
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-annotated) <= 1/6 of Powertools' | 100 | 600 | 100 | PASS |"), markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-annotated) <= 60 ms | 100 |  | 60 | FAIL |"), markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-plain) <= 1/6 of Powertools' | 310 | 600 | 100 | FAIL |"), markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-plain) <= 60 ms | 310 |  | 60 | FAIL |"), markdown);
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
        jmh.put(Variant.LENS_ALL_PLAIN, List.of(new JmhRunner.Result(Variant.LENS_ALL_PLAIN, 21, 1, 6600)));
        jmh.put(Variant.LENS_ALL_ANNOTATED, List.of(new JmhRunner.Result(Variant.LENS_ALL_ANNOTATED, 22, 1, 6700)));
        jmh.put(Variant.POWERTOOLS_ALL, List.of(new JmhRunner.Result(Variant.POWERTOOLS_ALL, 81, 1, 50000)));
        Report report = new Report("# test", Map.of(), Map.of(), jmh);
        String markdown = report.markdown();

        // 20 µs over the baseline against 80: exactly a quarter, pass; 21 µs is over it.
        assertTrue(markdown.contains("| Per-invocation overhead, all three (lens-all-plain) <= 1/4 of Powertools' "
                + "| 20.00 µs | 80.00 µs | 20.00 µs | PASS |"), markdown);
        assertTrue(markdown.contains("| Per-invocation overhead, all three (lens-all-annotated) <= 1/4 of Powertools' "
                + "| 21.00 µs | 80.00 µs | 20.00 µs | FAIL |"), markdown);
        // 6600 - 400 = 6200 B against (50000 - 400) / 8 = 6200 B: exactly an eighth, pass; 6300 B is over it.
        assertTrue(markdown.contains("| Allocation per invocation, all three (lens-all-plain, over baseline) <= 1/8 of "
                + "Powertools' | 6200 B | 49600 B | 6200 B | PASS |"), markdown);
        assertTrue(markdown.contains("| Allocation per invocation, all three (lens-all-annotated, over baseline) <= 1/8 of "
                + "Powertools' | 6300 B | 49600 B | 6200 B | FAIL |"), markdown);
        assertFalse(markdown.contains("per log line"), "the issue-7 per-line allocation budget is replaced");
        assertFalse(report.allBudgetsPass(), "cold-start budgets were not measured");
    }

    @Test
    void wideMarginFailsOnlyRatioBudgetsMissedByMoreThanOneAndAHalfTimes() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        coldStart.put(Variant.BASELINE, List.of(400.0));
        coldStart.put(Variant.POWERTOOLS_ALL, List.of(1000.0)); // overhead 600: the 1/6 limit is 100
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(550.0)); // 150: 1.5 times the limit, not more
        Report withinMargin = new Report("# test", coldStart, Map.of(), Map.of());

        assertFalse(withinMargin.allBudgetsPass(), "exact budgets: 150 is over 100, 150 over 60");
        assertTrue(withinMargin.markdown().contains(
                "| Cold start overhead, all three (lens-all-annotated) <= 1/6 of Powertools' | 150 | 600 | 100 | FAIL |"),
                "the report still states the exact budget's result");
        assertEquals(List.of(), withinMargin.widelyMissedRatioBudgets(),
                "exactly 1.5 times is within the margin; the 60 ms limit (2.5 times) is absolute, not a ratio");
        assertTrue(withinMargin.ratioBudgetsWithinWideMargin());
        assertTrue(withinMargin.markdown().contains("No ratio budget is missed that widely."));

        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(551.0)); // 151: 1.51 times
        Report wideMiss = new Report("# test", coldStart, Map.of(), Map.of());
        List<String> missed = wideMiss.widelyMissedRatioBudgets();
        assertEquals(1, missed.size(), missed.toString());
        assertTrue(missed.get(0).startsWith("Cold start overhead, all three (lens-all-annotated) <= 1/6 of Powertools'"
                + " (25th percentile 151 against a limit of 100 from the other side's 75th percentile, 1.51 times)"),
                missed.get(0));
        assertFalse(wideMiss.ratioBudgetsWithinWideMargin());
        assertTrue(wideMiss.markdown().contains("Missed that widely: Cold start overhead, all three (lens-all-annotated)"),
                wideMiss.markdown());
    }

    @Test
    void wideMarginOnAColdStartReadsTheFavorableEndsOfBothSpreads() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        coldStart.put(Variant.BASELINE, List.of(400.0, 400.0, 400.0, 400.0, 400.0));
        // Powertools' overheads 560, 580, 600, 640, 700: median 600 (limit 100), 75th percentile 640 (limit 106.7).
        coldStart.put(Variant.POWERTOOLS_ALL, List.of(960.0, 980.0, 1000.0, 1040.0, 1100.0));
        // Noisy: 120, 155, 155, 156, 158. The median (155) is 1.55 times the limit, the 25th percentile (155) is
        // 1.45 times the favorable limit: within the margin, while the table still states the medians' FAIL.
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(520.0, 555.0, 555.0, 556.0, 558.0));
        Report noisy = new Report("# test", coldStart, Map.of(), Map.of());
        assertTrue(noisy.markdown().contains(
                "| Cold start overhead, all three (lens-all-annotated) <= 1/6 of Powertools' | 155 | 600 | 100 | FAIL |"),
                noisy.markdown());
        assertEquals(List.of(), noisy.widelyMissedRatioBudgets());

        // A regression moves the whole spread: 170 to 190 over the baseline, the 25th percentile 175 is 1.64 times.
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(570.0, 575.0, 580.0, 585.0, 590.0));
        List<String> missed = new Report("# test", coldStart, Map.of(), Map.of()).widelyMissedRatioBudgets();
        assertEquals(1, missed.size(), missed.toString());
        assertTrue(missed.get(0).contains("(25th percentile 175 against a limit of 107 from the other side's 75th "
                + "percentile, 1.64 times)"), missed.get(0));
    }

    @Test
    void wideMarginReadsPerInvocationAndAllocationBudgetsAndSkipsWhatWasNotMeasured() {
        Map<Variant, List<JmhRunner.Result>> jmh = new LinkedHashMap<>();
        jmh.put(Variant.BASELINE, List.of(new JmhRunner.Result(Variant.BASELINE, 1, 0.1, 400)));
        jmh.put(Variant.POWERTOOLS_ALL, List.of(new JmhRunner.Result(Variant.POWERTOOLS_ALL, 81, 1, 50000)));
        // Time: 31 µs over the baseline against a limit of 80 / 4 = 20: 1.55 times, a wide miss.
        // Allocation: 9700 - 400 = 9300 B against (50000 - 400) / 8 = 6200 B: exactly 1.5 times, not a wide miss.
        jmh.put(Variant.LENS_ALL_PLAIN, List.of(new JmhRunner.Result(Variant.LENS_ALL_PLAIN, 32, 1, 9700)));
        // Time: 30 µs, exactly 1.5 times, not a wide miss. Allocation: 9400 B, 1.52 times, a wide miss.
        jmh.put(Variant.LENS_ALL_ANNOTATED, List.of(new JmhRunner.Result(Variant.LENS_ALL_ANNOTATED, 31, 1, 9800)));
        Report report = new Report("# test", Map.of(), Map.of(), jmh);

        List<String> missed = report.widelyMissedRatioBudgets();
        assertEquals(2, missed.size(), missed.toString());
        assertTrue(missed.get(0).startsWith("Allocation per invocation, all three (lens-all-annotated, over baseline) "
                + "<= 1/8 of Powertools' (9400 B against a limit of 6200 B, 1.52 times)"), missed.get(0));
        assertTrue(missed.get(1).startsWith("Per-invocation overhead, all three (lens-all-plain) <= 1/4 of Powertools' "
                + "(31.00 µs against a limit of 20.00 µs, 1.55 times)"), missed.get(1));
        String markdown = report.markdown();
        assertTrue(markdown.contains("| Per-invocation overhead, all three (lens-all-annotated) <= 1/4 of Powertools' "
                + "| 30.00 µs | 80.00 µs | 20.00 µs | FAIL |"), "a miss within the margin still FAILs the exact budget");
        assertTrue(markdown.contains("| Allocation per invocation, all three (lens-all-plain, over baseline) <= 1/8 of "
                + "Powertools' | 9300 B | 49600 B | 6200 B | FAIL |"), markdown);
        assertFalse(report.ratioBudgetsWithinWideMargin());
        // Cold-start and DynamoDB budgets are NOT MEASURED here: they are never a wide miss.
        assertTrue(report.markdown().contains("NOT MEASURED"));
    }

    @Test
    void primedFirstInvocationBudgetIsAbsoluteOverTheBaselinesFirstInvocation() {
        Map<Variant, List<Double>> firstInvocation = new LinkedHashMap<>();
        // Round 2 is slow for both: paired differences 4, 6, 5 (median 5), a difference of medians would say 8.
        firstInvocation.put(Variant.BASELINE, List.of(20.0, 40.0, 22.0));
        firstInvocation.put(Variant.LENS_ALL_PRIMED, List.of(24.0, 46.0, 27.0));
        Report atTheLimit = new Report("# test", Map.of(), firstInvocation, Map.of());
        assertTrue(atTheLimit.markdown().contains("| First invocation after the library's priming (lens-all-primed), "
                + "over the baseline's first invocation <= 5 ms | 5.0 |  | 5.0 | PASS |"), atTheLimit.markdown());

        // 5.3 ms: shown with its tenth, so that a FAIL never stands next to "5".
        firstInvocation.put(Variant.LENS_ALL_PRIMED, List.of(25.3, 45.3, 27.3));
        assertTrue(new Report("# test", Map.of(), firstInvocation, Map.of()).markdown().contains(
                "over the baseline's first invocation <= 5 ms | 5.3 |  | 5.0 | FAIL |"));

        // 20 ms over the baseline, four times the limit: FAIL, but an absolute budget never fails the wide rule.
        firstInvocation.put(Variant.LENS_ALL_PRIMED, List.of(40.0, 60.0, 42.0));
        Report missed = new Report("# test", Map.of(), firstInvocation, Map.of());
        assertTrue(missed.markdown().contains("over the baseline's first invocation <= 5 ms | 20.0 |  | 5.0 | FAIL |"),
                missed.markdown());
        assertEquals(List.of(), missed.widelyMissedRatioBudgets());

        // The first invocation of the unprimed variant is not what this budget reads.
        firstInvocation.remove(Variant.LENS_ALL_PRIMED);
        firstInvocation.put(Variant.LENS_ALL_ANNOTATED, List.of(21.0, 41.0, 23.0));
        assertTrue(new Report("# test", Map.of(), firstInvocation, Map.of()).markdown().contains(
                "over the baseline's first invocation <= 5 ms | n/a |  | 5.0 | NOT MEASURED"));
    }

    @Test
    void everyBudgetPassesWhenEveryTargetIsMet() {
        Map<Variant, List<Double>> coldStart = new LinkedHashMap<>();
        coldStart.put(Variant.BASELINE, List.of(400.0, 410.0));
        coldStart.put(Variant.POWERTOOLS_ALL, List.of(1000.0, 1010.0)); // 600: limits 100 and 60 ms
        coldStart.put(Variant.LENS_ALL_ANNOTATED, List.of(460.0, 470.0)); // 60
        coldStart.put(Variant.LENS_ALL_PLAIN, List.of(450.0, 460.0)); // 50
        coldStart.put(Variant.POWERTOOLS_ALL_EVENT, List.of(1200.0, 1210.0)); // 800: limit 200
        coldStart.put(Variant.LENS_ALL_EVENT, List.of(600.0, 610.0)); // 200
        coldStart.put(Variant.AWS_NONE, List.of(700.0, 710.0));
        coldStart.put(Variant.AWS_XRAY_SDK, List.of(1200.0, 1210.0)); // 500: limit 100
        coldStart.put(Variant.AWS_LENS, List.of(730.0, 740.0)); // 30: also the 30 ms limit
        Map<Variant, List<Double>> firstInvocation = new LinkedHashMap<>();
        firstInvocation.put(Variant.BASELINE, List.of(20.0, 22.0));
        firstInvocation.put(Variant.LENS_ALL_PRIMED, List.of(25.0, 26.0)); // 5 and 4: median 4.5
        Map<Variant, List<JmhRunner.Result>> jmh = new LinkedHashMap<>();
        jmh.put(Variant.BASELINE, List.of(new JmhRunner.Result(Variant.BASELINE, 1, 0.1, 400)));
        jmh.put(Variant.POWERTOOLS_ALL, List.of(new JmhRunner.Result(Variant.POWERTOOLS_ALL, 81, 1, 50000)));
        jmh.put(Variant.LENS_ALL_ANNOTATED, List.of(new JmhRunner.Result(Variant.LENS_ALL_ANNOTATED, 21, 1, 6600)));
        jmh.put(Variant.LENS_ALL_PLAIN, List.of(new JmhRunner.Result(Variant.LENS_ALL_PLAIN, 15, 1, 4000)));
        jmh.put(Variant.AWS_NONE, List.of(new JmhRunner.Result(Variant.AWS_NONE, 50, 1, 9000)));
        jmh.put(Variant.AWS_XRAY_SDK, List.of(new JmhRunner.Result(Variant.AWS_XRAY_SDK, 90, 1, 30000)));
        jmh.put(Variant.AWS_LENS, List.of(new JmhRunner.Result(Variant.AWS_LENS, 60, 1, 12000)));
        Report report = new Report("# test", coldStart, firstInvocation, jmh);
        String markdown = report.markdown();

        assertTrue(report.allBudgetsPass(), markdown);
        assertTrue(report.ratioBudgetsWithinWideMargin());
        // Four budgets each for annotated and plain, the primed first invocation, the event, three for DynamoDB.
        assertEquals(13, markdown.split("\\| PASS \\|", -1).length - 1, markdown);
        assertTrue(markdown.contains("| Cold start overhead, all three (lens-all-annotated) <= 60 ms | 60 |  | 60 | PASS |"),
                markdown);
    }

    @Test
    void anAwsCallBudgetWhoseJmhErrorIsOverItsLimitIsInconclusiveAndNeverAWideMiss() {
        Map<Variant, List<JmhRunner.Result>> jmh = new LinkedHashMap<>();
        jmh.put(Variant.AWS_NONE, List.of(new JmhRunner.Result(Variant.AWS_NONE, 1000, 900, 9000)));
        jmh.put(Variant.AWS_XRAY_SDK, List.of(new JmhRunner.Result(Variant.AWS_XRAY_SDK, 1100, 900, 30000)));
        // 700 µs over the untraced run against a limit of 50 µs: 14 times, but both runs are ±900 µs.
        jmh.put(Variant.AWS_LENS, List.of(new JmhRunner.Result(Variant.AWS_LENS, 1700, 900, 12000)));
        Report noisy = new Report("# test", new LinkedHashMap<>(), new LinkedHashMap<>(), jmh);
        assertTrue(noisy.markdown().contains("FAIL (inconclusive: JMH error ±1800 µs is over the limit)"),
                noisy.markdown());
        assertTrue(noisy.widelyMissedRatioBudgets().isEmpty(), noisy.widelyMissedRatioBudgets().toString());

        jmh.put(Variant.AWS_NONE, List.of(new JmhRunner.Result(Variant.AWS_NONE, 1000, 5, 9000)));
        jmh.put(Variant.AWS_LENS, List.of(new JmhRunner.Result(Variant.AWS_LENS, 1700, 5, 12000)));
        Report steady = new Report("# test", new LinkedHashMap<>(), new LinkedHashMap<>(), jmh);
        assertEquals(1, steady.widelyMissedRatioBudgets().size(), steady.markdown());
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
