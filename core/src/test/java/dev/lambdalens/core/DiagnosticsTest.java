package dev.lambdalens.core;

import dev.lambdalens.core.internal.JsonText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {

    @Test
    void reportsEachProblemOnceAsOneJsonLine() {
        List<String> lines = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(lines::add);

        assertTrue(diagnostics.reportOnce("unit:Foo", "unit \"Foo\" is not a CloudWatch unit\nsecond line",
                new IllegalArgumentException("Foo")));
        assertFalse(diagnostics.reportOnce("unit:Foo", "again"));

        assertEquals(1, lines.size());
        assertEquals("{\"level\":\"WARN\",\"logger\":\"dev.lambdalens\",\"message\":\"Lambda Lens: unit \\\"Foo\\\" is not "
                + "a CloudWatch unit\\nsecond line (reported once)\",\"error\":{\"type\":"
                + "\"java.lang.IllegalArgumentException\",\"message\":\"Foo\"}}", lines.get(0));
        assertTrue(diagnostics.wasReported("unit:Foo"));
    }

    @Test
    void aFailingSinkNeverThrows() {
        Diagnostics diagnostics = new Diagnostics(line -> {
            throw new IllegalStateException("stderr closed");
        });
        assertTrue(diagnostics.reportOnce("k", "m"));
    }

    @Test
    void jsonTextEscapesEveryControlCharacter() {
        StringBuilder out = new StringBuilder();
        JsonText.appendQuoted(out, "a\"b\\c\n\r\t\u0000\u001f\u007f\u2028é");
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0000\\u001f\\u007f\\u2028é\"", out.toString());

        StringBuilder nul = new StringBuilder();
        JsonText.appendQuoted(nul, null);
        assertEquals("null", nul.toString());
    }

    @Test
    void memoryOfProblemsIsBoundedAndSaysSoOnce() {
        List<String> lines = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(lines::add);
        for (int i = 0; i < Diagnostics.MAX_KEYS + 50; i++) {
            diagnostics.reportOnce("name:" + i, "problem " + i);
        }
        assertEquals(Diagnostics.MAX_KEYS + 1, lines.size());
        assertTrue(lines.get(Diagnostics.MAX_KEYS).contains("further ones are not written"));
    }

    @Test
    void hugeMessagesAndValuesAreShortened() {
        List<String> lines = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(lines::add);
        String header = "Root=" + "x".repeat(10_000);
        diagnostics.reportOnce("header", "malformed header " + Diagnostics.shorten(header) + " in " + header,
                new IllegalArgumentException(header));
        assertTrue(lines.get(0).length() < 2_500, "length " + lines.get(0).length());
        assertTrue(lines.get(0).contains("(10005 chars)"));
    }

    @Test
    void theBoundHoldsWhenManyThreadsReportNewProblemsAtOnce() throws Exception {
        int threads = 8;
        for (int round = 0; round < 300; round++) {
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            Diagnostics diagnostics = new Diagnostics(lines::add);
            for (int i = 0; i < Diagnostics.MAX_KEYS - 1; i++) {
                diagnostics.reportOnce("filled:" + i, "problem " + i);
            }
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "racing:" + t;
                Thread thread = new Thread(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    diagnostics.reportOnce(key, "problem " + key);
                    diagnostics.reportOnce("shared", "the same problem from every thread");
                });
                thread.start();
                started.add(thread);
            }
            for (Thread thread : started) {
                thread.join(5_000);
            }
            int round0 = round;
            assertEquals(Diagnostics.MAX_KEYS + 1, lines.size(), () -> "round " + round0 + ": " + lines.size());
            assertEquals(1, lines.stream().filter(line -> line.contains("further ones are not written")).count());
        }
    }

    @Test
    void longKeysAreRememberedShortButStayDistinct() {
        List<String> lines = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(lines::add);
        String prefix = "name:" + "n".repeat(100_000);
        assertTrue(diagnostics.reportOnce(prefix + "a", "first"));
        assertTrue(diagnostics.reportOnce(prefix + "b", "second"));
        assertFalse(diagnostics.reportOnce(prefix + "a", "first again"));
        assertTrue(diagnostics.wasReported(prefix + "b"));
        assertEquals(2, lines.size());
    }

    @Test
    void aCauseWhoseMessageThrowsIsStillReported() {
        List<String> lines = new ArrayList<>();
        new Diagnostics(lines::add).reportOnce("k", "m", new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException();
            }
        });
        assertTrue(lines.get(0).contains("getMessage() threw java.lang.IllegalStateException"), lines.get(0));
    }
}
