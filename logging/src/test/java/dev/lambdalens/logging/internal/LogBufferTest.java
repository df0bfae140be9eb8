package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogBufferTest {
    private final List<String> written = new ArrayList<>();
    private final LineSink sink = line -> written.add(new String(line, StandardCharsets.UTF_8));

    private static byte[] line(int i) {
        return ("{\"message\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheNewestLinesWithinTheByteBoundAndSaysHowManyWereDropped() throws Exception {
        int size = line(0).length;
        LogBuffer buffer = new LogBuffer(size * 3L);
        for (int i = 0; i < 5; i++) {
            buffer.add(sink, line(i));
        }
        assertEquals(3, buffer.size());
        buffer.flush("req-1", "1-5759e988-bd862e3fe1be46a994272793");
        assertEquals(4, written.size());
        JsonNode note = new ObjectMapper().readTree(written.get(0));
        assertEquals(2, note.at("/lambda_lens/dropped_buffered_lines").asInt());
        assertEquals("req-1", note.get("function_request_id").asText());
        assertTrue(written.get(1).contains("line 2") && written.get(3).contains("line 4"));
        assertEquals(0, buffer.size());
    }

    @Test
    void clearDropsEverythingAndAFlushAfterwardsWritesNothing() {
        LogBuffer buffer = new LogBuffer(1000);
        buffer.add(sink, line(1));
        buffer.clear();
        buffer.flush("r", null);
        assertTrue(written.isEmpty());
    }

    @Test
    void aLineLargerThanTheWholeBufferIsCountedAsDropped() {
        LogBuffer buffer = new LogBuffer(10);
        buffer.add(sink, line(1));
        buffer.add(sink, "{}\n".getBytes(StandardCharsets.UTF_8));
        buffer.flush(null, null);
        assertEquals(2, written.size());
        assertTrue(written.get(0).contains("\"dropped_buffered_lines\":1"));
    }

    @Test
    void afterTheDeadlineFlushNothingIsHeldAndTheNoteNeedsNoKeptLine() {
        LogBuffer buffer = new LogBuffer(10);
        buffer.add(sink, line(1));
        buffer.flushAndPassThrough("r", null);
        assertEquals(1, written.size());
        assertTrue(written.get(0).contains("\"dropped_buffered_lines\":1"), written.toString());
        assertTrue(buffer.passesThrough());
        assertEquals(false, buffer.add(sink, line(2)), "the caller writes the line itself");
        assertEquals(0, buffer.size());
    }
}
