package dev.lambdalens.benchmarks.runner;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtelReportTest {

    private static HotPathRunner.Result result(String name, List<Double> nanos, List<Double> bytes) {
        return new HotPathRunner.Result(HotPathRunner.CURRENT, name, nanos, bytes);
    }

    @Test
    void eachLensVariantIsComparedWithTheSdkByHandByTheRatioOfMedians() {
        Map<String, HotPathRunner.Result> current = new LinkedHashMap<>();
        current.put("OtelBenchmark.lensPlain", result("OtelBenchmark.lensPlain",
                List.of(3000.0, 2000.0, 4000.0, 2600.0), List.of(1500.0, 1500.0)));
        current.put("OtelBenchmark.lensAnnotated", result("OtelBenchmark.lensAnnotated",
                List.of(3600.0), List.of(1800.0)));
        current.put(OtelReport.BY_HAND, result(OtelReport.BY_HAND, List.of(1800.0, 2000.0, 2200.0),
                List.of(1200.0)));
        String markdown = OtelReport.markdown(Map.of(HotPathRunner.CURRENT, current));

        // lensPlain: median 2800, p25 2450, p75 3250; by hand: median 2000; 2800 / 2000 = 1.40, 1500 / 1200 = 1.25.
        assertTrue(markdown.contains("| `OtelBenchmark.lensPlain` | 4 | 2800 | 2450 to 3250 | 1500 | 1.40 | 1.25 |"),
                markdown);
        assertTrue(markdown.contains("| `OtelBenchmark.lensAnnotated` | 1 | 3600 | 3600 to 3600 | 1800 | 1.80 | 1.50 |"),
                markdown);
        assertTrue(markdown.contains("| The OpenTelemetry SDK alone, by hand | `OtelBenchmark.sdkByHand` | 3 | 2000 | "
                + "1900 to 2100 | 1200 | 1.00 | 1.00 |"), markdown);
        assertTrue(markdown.indexOf("lensAnnotated") < markdown.indexOf("lensPlain"), "woven first, as documented");
    }

    @Test
    void withoutTheSdkByHandThereIsNoTable() {
        assertEquals("", OtelReport.markdown(Map.of()));
        assertEquals("", OtelReport.markdown(Map.of(HotPathRunner.CURRENT, Map.of("OtelBenchmark.lensPlain",
                result("OtelBenchmark.lensPlain", List.of(1.0), List.of(1.0))))));
    }

    @Test
    void withoutAllocationNumbersTheRatioIsNotAvailable() {
        String markdown = OtelReport.markdown(Map.of(HotPathRunner.CURRENT, Map.of(
                "OtelBenchmark.lensPlain", result("OtelBenchmark.lensPlain", List.of(10.0), List.of()),
                OtelReport.BY_HAND, result(OtelReport.BY_HAND, List.of(5.0), List.of()))));
        assertTrue(markdown.contains("| `OtelBenchmark.lensPlain` | 1 | 10 | 10 to 10 | n/a | 2.00 | n/a |"), markdown);
    }
}
