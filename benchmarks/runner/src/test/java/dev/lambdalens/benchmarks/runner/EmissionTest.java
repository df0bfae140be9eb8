package dev.lambdalens.benchmarks.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmissionTest {
    private static final String TRACE = "1-6b06a392-dc7e0e2505c8ee257ad67d12";

    @Test
    void logLineNeedsMessagePairAndTraceId() {
        String line = "{\"level\":\"INFO\",\"message\":\"Loaded order\",\"orderId\":\"ord-7f3a9c21\",\"xray_trace_id\":\""
                + TRACE + "\"}";
        assertTrue(Emission.LOG.foundIn(List.of("plain text", line), TRACE));
        assertFalse(Emission.LOG.foundIn(List.of(line.replace(TRACE, "1-00000000-000000000000000000000000")), TRACE),
                "a line of another trace");
        assertFalse(Emission.LOG.foundIn(List.of("Loaded order orderId=ord-7f3a9c21 " + TRACE), TRACE), "not JSON");
    }

    @Test
    void emfNeedsBothMetricsAndTheDimension() {
        String emf = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"Currency\"]],"
                + "\"Metrics\":[{\"Name\":\"OrdersServed\"},{\"Name\":\"OrderItems\"}]}]},\"Currency\":\"EUR\","
                + "\"OrdersServed\":1,\"OrderItems\":3}";
        assertTrue(Emission.EMF.foundIn(List.of(emf), TRACE));
        assertFalse(Emission.EMF.foundIn(List.of(emf.replace("OrderItems", "Other")), TRACE));
    }

    @Test
    void xrayNeedsTheNestedSubsegmentOfThisTrace() {
        String datagram = "{\"format\": \"json\", \"version\": 1}\n{\"name\":\"## loadOrder\",\"trace_id\":\"" + TRACE + "\"}";
        assertTrue(Emission.XRAY.foundIn(List.of(datagram), TRACE));
        assertFalse(Emission.XRAY.foundIn(List.of(datagram.replace("loadOrder", "handleRequest")), TRACE));
    }
}
