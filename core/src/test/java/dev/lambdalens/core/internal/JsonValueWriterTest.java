package dev.lambdalens.core.internal;

import dev.lambdalens.core.Diagnostics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonValueWriterTest {
    private final List<String> reports = new ArrayList<>();
    private final Diagnostics diagnostics = new Diagnostics(reports::add);

    public record Line(String sku, int quantity) {
    }

    public static final class Bean {
        public String getName() {
            return "n";
        }

        public boolean isActive() {
            return true;
        }

        public String getBroken() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void writesPlainValuesRecordsAndBeans() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value").build();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b\n");
        value.put("n", 1.0);
        value.put("d", 2.5);
        value.put("nan", Double.NaN);
        value.put("big", new BigDecimal("12.50"));
        value.put("id", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        value.put("line", new Line("x", 2));
        value.put("bean", new Bean());
        value.put("arr", new int[] {1, 2});
        value.put("err", new IllegalArgumentException("bad", new RuntimeException("root")));

        assertEquals("{\"s\":\"a\\\"b\\n\",\"n\":1,\"d\":2.5,\"nan\":\"NaN\",\"big\":12.50,"
                + "\"id\":\"00000000-0000-0000-0000-000000000001\",\"line\":{\"sku\":\"x\",\"quantity\":2},"
                + "\"bean\":{\"active\":true,\"broken\":\"[IllegalStateException]\",\"name\":\"n\"},\"arr\":[1,2],"
                + "\"err\":{\"type\":\"java.lang.IllegalArgumentException\",\"message\":\"bad\","
                + "\"cause\":\"java.lang.RuntimeException: root\"}}", writer.toJson(value));
        assertEquals(1, reports.size(), reports::toString);
        assertTrue(reports.get(0).contains("Bean.broken"));
    }

    @Test
    void beansOffWritesTheirText() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value").beans(false).build();
        assertEquals("\"Line[sku=x, quantity=2]\"", writer.toJson(new Line("x", 2)));
    }

    @Test
    void cyclesDepthElementsAndSizeAreBoundedAndReportedOnceEach() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value")
                .maxDepth(3).maxElements(2).maxChars(40).build();
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertEquals("[\"[cycle]\"]", writer.toJson(self));
        assertEquals("[[[\"[too deep]\"]]]", writer.toJson(List.of(List.of(List.of(List.of(1))))));
        assertEquals("[1,2]", writer.toJson(List.of(1, 2, 3)));
        String huge = writer.toJson(Collections.nCopies(2, "x".repeat(100)));
        assertTrue(huge.length() < 80, huge);
        assertTrue(huge.contains("[truncated]"), huge);
        writer.toJson(self);
        assertEquals(4, reports.size(), reports::toString);
    }

    @Test
    void aCycleDeepInsideIsCutWhereItClosesAndASharedValueIsWrittenEachTime() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value").maxDepth(32).build();
        // Ten levels deep, past the path's first size, the innermost list refers back to the third level.
        List<Object> third = new ArrayList<>();
        List<Object> innermost = third;
        for (int i = 0; i < 7; i++) {
            List<Object> next = new ArrayList<>();
            innermost.add(next);
            innermost = next;
        }
        innermost.add(third);
        innermost.add("end");
        String json = writer.toJson(List.of(List.of(third)));
        assertEquals("[[" + "[".repeat(8) + "\"[cycle]\",\"end\"" + "]".repeat(8) + "]]", json);

        // The same list twice side by side, and under two keys, is not a cycle: it is written in full each time.
        List<Integer> shared = List.of(1, 2);
        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("a", shared);
        twice.put("b", List.of(shared, shared));
        assertEquals("{\"a\":[1,2],\"b\":[[1,2],[1,2]]}", writer.toJson(twice));
        assertEquals(1, reports.size(), reports::toString);
    }

    @Test
    void failingToStringIteratorAndGetMessageBecomeErrorTexts() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value").build();
        Object noText = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        Iterable<Object> failing = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new ConcurrentModificationException();
            }
        };
        RuntimeException noMessage = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals("\"[IllegalStateException]\"", writer.toJson(noText));
        assertEquals("\"[ConcurrentModificationException]\"", writer.toJson(failing));
        assertTrue(writer.toJson(noMessage).contains("[getMessage() threw UnsupportedOperationException]"));
        assertEquals(3, reports.size(), reports::toString);
    }

    @Test
    void aValueWrittenWhileWritingAnotherGetsItsOwnBuffer() {
        JsonValueWriter writer = JsonValueWriter.builder(diagnostics, "test", "a value").build();
        Object nested = new Object() {
            @Override
            public String toString() {
                return writer.toJson(List.of("inner"));
            }
        };
        assertEquals("[\"[\\\"inner\\\"]\"]", writer.toJson(List.of(nested)));
    }
}
