package dev.lambdalens.core.internal;

/**
 * A thread's reusable buffers for one document (an EMF line, an X-Ray datagram, a payload's JSON): the text
 * is written into {@link #text()}, then {@link #encode()} turns it into UTF-8 in a reused byte array. Why: a
 * document built as a new builder, a string and a byte array costs three copies of the document per write;
 * this costs none once the buffers have grown to the documents' size.
 *
 * <p>Taken with {@link #acquire(ThreadLocal, int)} and given back with {@link #release(ThreadLocal, int)}: a
 * buffer in use is not in its slot, so a nested write on the same thread (a getter that logs, a metadata value
 * that records metadata) gets a fresh one instead of overwriting the outer document. A buffer that a rare huge
 * document blew up past the retained size is dropped rather than kept per thread.
 */
public final class TextBuffer {
    private final StringBuilder text;
    private final Utf8Bytes bytes;

    private TextBuffer(int initialSize) {
        this.text = new StringBuilder(initialSize);
        this.bytes = new Utf8Bytes(initialSize);
    }

    /** A new per-thread slot; each use site keeps one in a static final field. */
    public static ThreadLocal<TextBuffer> newSlot() {
        return new ThreadLocal<>();
    }

    /** The calling thread's buffer from {@code slot}, emptied; a new one when the slot is empty or in use. */
    public static TextBuffer acquire(ThreadLocal<TextBuffer> slot, int initialSize) {
        TextBuffer buffer = slot.get();
        if (buffer == null) {
            return new TextBuffer(initialSize);
        }
        slot.set(null);
        buffer.text.setLength(0);
        return buffer;
    }

    /** Gives {@code buffer} back to {@code slot}, unless it grew past {@code retainedSize}. */
    public void release(ThreadLocal<TextBuffer> slot, int retainedSize) {
        if (text.capacity() <= retainedSize && bytes.capacity() <= retainedSize) {
            slot.set(this);
        }
    }

    /** Where the document is written. */
    public StringBuilder text() {
        return text;
    }

    /** Encodes the text as UTF-8 into {@link #bytes()}; returns the byte count. */
    public int encode() {
        return bytes.encode(text);
    }

    /** The encoded bytes, valid in {@code [0, bytes().length())} until the next change. */
    public Utf8Bytes bytes() {
        return bytes;
    }
}
