package dev.lambdalens.logging.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of the line being encoded on one thread, reused line after line: the appender writes them
 * straight from {@link #array()}, so a line costs no {@code byte[]} of its own. After a line larger than
 * {@link #RETAINED_BYTES} the buffer shrinks back, so a thread does not keep a huge array for ever.
 */
public final class LineBuffer extends OutputStream {
    /** The largest array kept between lines. */
    static final int RETAINED_BYTES = 32 * 1024;

    private final int initialBytes;
    private byte[] bytes;
    private int size;

    public LineBuffer(int initialBytes) {
        this.initialBytes = initialBytes;
        this.bytes = new byte[initialBytes];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new OutOfMemoryError("log line over 2 GB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length << 1 < 0 ? Integer.MAX_VALUE : bytes.length << 1));
        }
    }

    /** Empties the buffer for the next line. */
    public void reset() {
        size = 0;
        if (bytes.length > RETAINED_BYTES) {
            bytes = new byte[initialBytes];
        }
    }

    /** The array holding the line; valid up to {@link #size()}, until the next write or reset. */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }
}
