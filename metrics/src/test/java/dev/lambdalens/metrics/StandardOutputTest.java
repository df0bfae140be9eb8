package dev.lambdalens.metrics;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardOutputTest {

    @Test
    void eachDocumentAndItsNewlineReachTheStreamBelowStandardOutputInOneWrite() {
        List<String> writes = new ArrayList<>();
        OutputStream below = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
        PrintStream original = System.out;
        System.setOut(new PrintStream(below, false, StandardCharsets.UTF_8));
        try {
            MetricsOutput.standardOutput().write("{\"_aws\":{},\"Name\":\"caf\u00e9\"}");
            MetricsOutput.standardOutput().write("{\"second\":true}");
        } finally {
            System.setOut(original);
        }

        assertEquals(List.of("{\"_aws\":{},\"Name\":\"caf\u00e9\"}\n", "{\"second\":true}\n"), writes);
    }
}
