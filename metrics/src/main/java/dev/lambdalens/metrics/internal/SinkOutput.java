package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.internal.TextBuffer;
import dev.lambdalens.core.internal.Utf8Bytes;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.metrics.MetricsOutput;

/**
 * EMF documents to the runtime's {@link DocumentSink} (a test runtime's in-memory capture) instead of standard
 * output, encoded in the thread's reused buffer.
 */
final class SinkOutput implements MetricsOutput {
    private static final ThreadLocal<TextBuffer> BUFFERS = TextBuffer.newSlot();
    private static final int RETAINED_BYTES = 64 * 1024;

    private final DocumentSink sink;

    SinkOutput(DocumentSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(String document) {
        TextBuffer buffer = TextBuffer.acquire(BUFFERS, 1024);
        try {
            Utf8Bytes bytes = buffer.bytes();
            bytes.encode(document);
            sink.write(DocumentSink.Kind.EMF, bytes.array(), 0, bytes.length());
        } finally {
            buffer.release(BUFFERS, RETAINED_BYTES);
        }
    }
}
