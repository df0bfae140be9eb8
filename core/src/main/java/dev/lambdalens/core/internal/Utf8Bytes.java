package dev.lambdalens.core.internal;

import java.util.Arrays;

/**
 * A reusable, growing byte array that text is encoded into as UTF-8, for output written once per document
 * (EMF lines, X-Ray datagrams): encoding a builder's chars straight into a kept array saves the string and the
 * byte array that {@code toString().getBytes(UTF_8)} makes per document. Encodes as {@code String.getBytes}
 * does (an unpaired surrogate becomes {@code ?}). Not thread-safe: keep one per thread. For Lambda Lens modules
 * only: not a public API.
 */
public final class Utf8Bytes {
    private byte[] bytes;
    private int length;

    public Utf8Bytes(int initialCapacity) {
        this.bytes = new byte[initialCapacity];
    }

    /** Replaces the content with {@code text} in UTF-8; returns the byte count. */
    public int encode(CharSequence text) {
        length = 0;
        return append(text);
    }

    /** Appends {@code text} in UTF-8; returns the byte count of the whole content. */
    public int append(CharSequence text) {
        int chars = text.length();
        int n = length;
        ensureCapacity(n + chars);
        byte[] out = bytes;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
                continue;
            }
            // At most 3 bytes per remaining char (a surrogate pair is 4 bytes for 2 chars): room for all of it.
            if (n + (chars - i) * 3 > out.length) {
                ensureCapacity(n + (chars - i) * 3);
                out = bytes;
            }
            if (c < 0x800) {
                out[n++] = (byte) (0xc0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < chars ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int cp = Character.toCodePoint(c, low);
                    out[n++] = (byte) (0xf0 | (cp >> 18));
                    out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    out[n++] = (byte) (0x80 | (cp & 0x3f));
                    i++;
                } else {
                    out[n++] = '?';
                }
            } else {
                out[n++] = (byte) (0xe0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[n++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        length = n;
        return n;
    }

    /** Appends one ASCII char. */
    public void appendAscii(char c) {
        ensureCapacity(length + 1);
        bytes[length++] = (byte) c;
    }

    /** The array holding the content in {@code [0, length())}; valid until the next change. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** The allocated size, so that a holder can drop a buffer a rare huge document blew up. */
    public int capacity() {
        return bytes.length;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
