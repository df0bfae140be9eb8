package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.Utf8Bytes;

import java.nio.ByteBuffer;

/**
 * One thread's reusable buffers for a daemon datagram: the header line and the document are written into
 * {@link #text()}, then {@link #encode()} turns them into UTF-8 bytes in a reused array. Why: a subsegment
 * document built as a new builder, a string, a concatenation with the header and a byte array cost four copies
 * of the document per subsegment; this costs none once the buffers have grown to the documents' size.
 */
final class DatagramBuffer {
    /** Buffers grown past this (by a rare huge document) are dropped after use rather than kept per thread. */
    private static final int RETAINED_SIZE = 2 * DaemonSender.MAX_DATAGRAM_BYTES;
    private static final ThreadLocal<DatagramBuffer> BUFFERS = ThreadLocal.withInitial(DatagramBuffer::new);

    private final StringBuilder text = new StringBuilder(2048);
    private final Utf8Bytes bytes = new Utf8Bytes(2048);
    private ByteBuffer view = ByteBuffer.wrap(bytes.array());

    private DatagramBuffer() {
    }

    /** The calling thread's buffer, emptied and holding the datagram header. */
    static DatagramBuffer start() {
        DatagramBuffer buffer = BUFFERS.get();
        buffer.text.setLength(0);
        buffer.text.append(DaemonSender.HEADER);
        return buffer;
    }

    /** Where the document is written, after the header. */
    StringBuilder text() {
        return text;
    }

    /** Encodes header and document as UTF-8; returns the datagram's size in bytes. */
    int encode() {
        return bytes.encode(text);
    }

    /** The encoded datagram, positioned at 0 and limited to its size. */
    ByteBuffer bytes() {
        if (view.array() != bytes.array()) {
            view = ByteBuffer.wrap(bytes.array());
        }
        view.clear().limit(bytes.length());
        return view;
    }

    /** Call when done: a thread does not keep buffers that a rare huge document blew up. */
    void release() {
        if (bytes.capacity() > RETAINED_SIZE || text.capacity() > RETAINED_SIZE) {
            BUFFERS.remove();
        }
    }
}
