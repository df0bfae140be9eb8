package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The JSON-encoded form of a text that is the same on line after line (the service, the function's name and
 * ARN, an invocation's request id), so that the generator copies its bytes instead of escaping it again for
 * every line. Remembers the last text only: when the text changes (a new invocation), it is encoded anew.
 */
public final class EncodedText {
    private volatile Entry last = new Entry("");

    /** {@code text} ready to write with {@code writeString} or {@code writeFieldName}. */
    public SerializableString of(String text) {
        Entry entry = last;
        if (entry.text != text && !entry.text.equals(text)) {
            entry = new Entry(text);
            last = entry;
        }
        return entry.encoded;
    }

    /** Immutable, so threads that read a stale or a fresh entry both write the right text. */
    private static final class Entry {
        final String text;
        final SerializedString encoded;

        Entry(String text) {
            this.text = text;
            this.encoded = new SerializedString(text);
        }
    }
}
