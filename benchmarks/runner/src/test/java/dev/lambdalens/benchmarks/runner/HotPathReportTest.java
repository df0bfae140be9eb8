package dev.lambdalens.benchmarks.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotPathReportTest {

    @Test
    void parsesEveryMeasuredIterationOfEveryForkFromJmhsJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("result.json");
        Files.writeString(json, """
                [{"benchmark": "dev.lambdalens.benchmarks.runner.LogLineBenchmark.plainLine",
                  "primaryMetric": {"score": 2.0, "rawData": [[1.0, 2.0], [3.0]]},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 300.0, "rawData": [[300.0, 301.0], [299.0]]}}}]
                """);
        List<HotPathRunner.Result> results = HotPathRunner.parse("current", json);

        assertEquals(1, results.size());
        assertEquals("LogLineBenchmark.plainLine", results.get(0).benchmark());
        assertEquals(List.of(1.0, 2.0, 3.0), results.get(0).nanosPerOp());
        assertEquals(300.0, results.get(0).allocation().median());
    }

    @Test
    void comparesEachLogLineWithTheReleaseByTheRatioOfMedians() {
        Map<String, Map<String, HotPathRunner.Result>> bySide = new LinkedHashMap<>();
        bySide.put(HotPathRunner.CURRENT, Map.of("LogLineBenchmark.plainLine", new HotPathRunner.Result("current",
                "LogLineBenchmark.plainLine", List.of(1500.0, 1000.0, 3000.0, 1100.0), List.of(350.0))));
        bySide.put("2d09c81", Map.of("LogLineBenchmark.plainLine", new HotPathRunner.Result("2d09c81",
                "LogLineBenchmark.plainLine", List.of(800.0, 1000.0, 900.0), List.of(170.0))));
        String markdown = HotPathReport.markdown(bySide);

        // Current: median 1300, p25 1075, p75 1875; release: median 900, p25 850, p75 950; 1300 / 900 = 1.44.
        assertTrue(markdown.contains("| Log line, plain message | `LogLineBenchmark.plainLine` | 4 | 1300 | 1075 to 1875 | 350 |"),
                markdown);
        assertTrue(markdown.contains("### Masking cost per log line: current code against 2d09c81"), markdown);
        assertTrue(markdown.contains("| Log line, plain message | 1300 | 1075 to 1875 | 900 | 850 to 950 | 1.44 | 350 | 170 |"),
                markdown);
    }

    @Test
    void withoutAReleaseThereIsNoComparisonAndWithoutResultsNoTable() {
        Map<String, Map<String, HotPathRunner.Result>> bySide = new LinkedHashMap<>();
        bySide.put(HotPathRunner.CURRENT, Map.of("SubsegmentBenchmark.subsegmentSent", new HotPathRunner.Result(
                "current", "SubsegmentBenchmark.subsegmentSent", List.of(8000.0), List.of())));
        String markdown = HotPathReport.markdown(bySide);

        assertTrue(markdown.contains("| One subsegment started, ended, rendered and sent over UDP | "
                + "`SubsegmentBenchmark.subsegmentSent` | 1 | 8000 | 8000 to 8000 | n/a |"), markdown);
        assertFalse(markdown.contains("Masking cost"));
        assertEquals("", HotPathReport.markdown(Map.of()));
    }
}
