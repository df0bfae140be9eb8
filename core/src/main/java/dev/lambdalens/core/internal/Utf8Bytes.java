package dev.lambdalens.core.internal;

import java.util.Arrays;

/**
 * A reusable, growing byte array that text is encoded into as UTF-8, for output written once per document
 * (EMF lines, X-Ray datagrams): encoding a builder's chars straight into a kept array saves the string and the
 * byte array that {@code toString().getBytes(UTF_8)} makes per document. Encodes as {@code String.getBytes}
 * does (an unpaired surrogate becomes {@code ?}). Not thread-safe: keep one per thread.
 */
public final class Utf8Bytes {
    private byte[] bytes;
    private int length;
    /** The text's chars, copied in bulk: far cheaper than a charAt call per char in C1-compiled code. */
    private char[] chars = new char[0];

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
        char[] source = copyChars(text, chars);
        int n = length;
        ensureCapacity(n + chars);
        byte[] out = bytes;
        int i = 0;
        // Documents are nearly all ASCII: a tight loop for that, the general one from the first other char.
        while (i < chars && source[i] < 0x80) {
            out[n++] = (byte) source[i++];
        }
        for (; i < chars; i++) {
            char c = source[i];
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
                char low = i + 1 < chars ? source[i + 1] : 0;
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
        return Math.max(bytes.length, chars.length);
    }

    private char[] copyChars(CharSequence text, int count) {
        if (chars.length < count) {
            chars = new char[Math.max(count, chars.length * 2)];
        }
        if (text instanceof String) {
            ((String) text).getChars(0, count, chars, 0);
        } else if (text instanceof StringBuilder) {
            ((StringBuilder) text).getChars(0, count, chars, 0);
        } else {
            for (int i = 0; i < count; i++) {
                chars[i] = text.charAt(i);
            }
        }
        return chars;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
