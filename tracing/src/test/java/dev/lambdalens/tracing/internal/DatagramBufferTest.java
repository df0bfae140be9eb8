package dev.lambdalens.tracing.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatagramBufferTest {

    @Test
    void holdsTheHeaderAndTheDocumentInUtf8AndIsReusedEmpty() {
        DatagramBuffer first = DatagramBuffer.start();
        first.text().append("{\"name\":\"caf\u00e9 \ud83d\ude00\"}");
        int length = first.encode();
        assertEquals(new String(DaemonSender.datagram("{\"name\":\"caf\u00e9 \ud83d\ude00\"}"), StandardCharsets.UTF_8),
                text(first.bytes()));
        assertEquals(DaemonSender.datagram("{\"name\":\"caf\u00e9 \ud83d\ude00\"}").length, length);

        DatagramBuffer second = DatagramBuffer.start();
        second.text().append("{}");
        second.encode();
        assertEquals(DaemonSender.HEADER + "{}", text(second.bytes()));
    }

    @Test
    void growsForLargeDocuments() {
        DatagramBuffer buffer = DatagramBuffer.start();
        String big = "x".repeat(40_000) + "\u20ac".repeat(10_000);
        buffer.text().append(big);
        assertEquals(DaemonSender.datagram(big).length, buffer.encode());
        assertEquals(DaemonSender.HEADER + big, text(buffer.bytes()));
        buffer.release();
    }

    private static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
}
