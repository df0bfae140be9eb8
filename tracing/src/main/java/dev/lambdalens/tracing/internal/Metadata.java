package dev.lambdalens.tracing.internal;

import java.util.Arrays;

/**
 * A span's metadata: values already written as JSON, by namespace and key, in the order they were first put; a
 * key put again in its namespace keeps its place and takes the new value. Not a map of maps: a span usually
 * holds one value (the captured response), which a map of maps stores in two tables and two entries, and
 * iterates with two entry sets, every invocation. The first entry lives in fields; later ones in one flat array
 * of (namespace, key, value) triples. At most {@link #MAX_ENTRIES} entries, which is more than tracing needs
 * and keeps the scans by key and namespace short. Not thread-safe: the span's lock guards it.
 */
final class Metadata {
    static final int MAX_ENTRIES = 256;

    private String firstNamespace;
    private String firstKey;
    private String firstValue;
    /** Entries 1 and on, three slots each; {@code null} until a second entry is put. */
    private String[] more;
    private int size;

    /** Puts {@code json} under {@code namespace} and {@code key}; false if it is a new entry over the limit. */
    boolean put(String namespace, String key, String json) {
        for (int i = 0; i < size; i++) {
            if (key(i).equals(key) && namespace(i).equals(namespace)) {
                setValue(i, json);
                return true;
            }
        }
        if (size == MAX_ENTRIES) {
            return false;
        }
        if (size == 0) {
            firstNamespace = namespace;
            firstKey = key;
            firstValue = json;
        } else {
            int slot = (size - 1) * 3;
            if (more == null) {
                more = new String[3 * 2];
            } else if (slot == more.length) {
                more = Arrays.copyOf(more, Math.min((MAX_ENTRIES - 1) * 3, more.length * 2));
            }
            more[slot] = namespace;
            more[slot + 1] = key;
            more[slot + 2] = json;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    String namespace(int index) {
        return index == 0 ? firstNamespace : more[(index - 1) * 3];
    }

    String key(int index) {
        return index == 0 ? firstKey : more[(index - 1) * 3 + 1];
    }

    String value(int index) {
        return index == 0 ? firstValue : more[(index - 1) * 3 + 2];
    }

    /** Whether entry {@code index} is the first of its namespace: writers group a namespace's entries under it. */
    boolean opensNamespace(int index) {
        String namespace = namespace(index);
        for (int i = 0; i < index; i++) {
            if (namespace(i).equals(namespace)) {
                return false;
            }
        }
        return true;
    }

    private void setValue(int index, String json) {
        if (index == 0) {
            firstValue = json;
        } else {
            more[(index - 1) * 3 + 2] = json;
        }
    }
}
