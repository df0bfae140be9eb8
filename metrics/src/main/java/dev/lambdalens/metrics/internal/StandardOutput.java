package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.internal.TextBuffer;
import dev.lambdalens.core.internal.Utf8Bytes;
import dev.lambdalens.metrics.MetricsOutput;

import java.io.PrintStream;

/**
 * Writes each document and its newline to {@link System#out} with one {@code write(byte[], int, int)}: a
 * {@link PrintStream} does that under its lock and hands the bytes to the stream below in one call, so a
 * document is never interleaved with other output. The bytes are encoded into a per-thread reused array, so a
 * document costs no string concatenation and no new byte array.
 */
public enum StandardOutput implements MetricsOutput {
    INSTANCE;

    /** Arrays grown past this by a rare huge document are not kept. */
    private static final int RETAINED_BYTES = 64 * 1024;
    private static final ThreadLocal<TextBuffer> BUFFERS = TextBuffer.newSlot();

    @Override
    public void write(String document) {
        writeDocument(document);
    }

    /** Writes {@code document} and a newline, without making a string of it first. */
    void writeDocument(CharSequence document) {
        TextBuffer buffer = TextBuffer.acquire(BUFFERS, 1024);
        try {
            Utf8Bytes bytes = buffer.bytes();
            bytes.encode(document);
            bytes.appendAscii('\n');
            PrintStream out = System.out;
            out.write(bytes.array(), 0, bytes.length());
            out.flush();
        } finally {
            buffer.release(BUFFERS, RETAINED_BYTES);
        }
    }
}
