package dev.lambdalens.core.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8BytesTest {

    @Test
    void encodesLikeStringGetBytes() {
        String[] samples = {"", "plain ascii {\"a\":1}", "caf\u00e9 \u20ac \u4e2d\u6587", "emoji \ud83d\ude00 end",
                "lone high \ud83d x", "lone low \ude00 x", "trailing high \ud83d", "\u00e9".repeat(5000)};
        Utf8Bytes buffer = new Utf8Bytes(4);
        for (String sample : samples) {
            int length = buffer.encode(new StringBuilder(sample));
            assertArrayEquals(sample.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(buffer.array(), length), sample);
        }
    }

    @Test
    void appendsAfterWhatItHolds() {
        Utf8Bytes buffer = new Utf8Bytes(2);
        buffer.encode("h\u00e9");
        buffer.append("\u20ac");
        buffer.appendAscii('\n');
        assertEquals("h\u00e9\u20ac\n", new String(buffer.array(), 0, buffer.length(), StandardCharsets.UTF_8));
    }
}
