package dev.lambdalens.logging.internal;

import java.util.Arrays;

/**
 * An immutable, ordered list of log keys and their values. Written rarely (appendKey) and read on every log
 * line, so changes copy and reads walk two arrays without allocating.
 */
public final class KeyValues {
    public static final KeyValues EMPTY = new KeyValues(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    private KeyValues(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** These keys with {@code name} set to {@code value}; an existing key keeps its position. */
    public KeyValues with(String name, Object value) {
        int index = indexOf(name);
        if (index >= 0) {
            Object[] newValues = values.clone();
            newValues[index] = value;
            return new KeyValues(names, newValues);
        }
        String[] newNames = Arrays.copyOf(names, names.length + 1);
        Object[] newValues = Arrays.copyOf(values, values.length + 1);
        newNames[names.length] = name;
        newValues[values.length] = value;
        return new KeyValues(newNames, newValues);
    }

    /** These keys without {@code name}. */
    public KeyValues without(String name) {
        int index = indexOf(name);
        if (index < 0) {
            return this;
        }
        if (names.length == 1) {
            return EMPTY;
        }
        String[] newNames = new String[names.length - 1];
        Object[] newValues = new Object[values.length - 1];
        System.arraycopy(names, 0, newNames, 0, index);
        System.arraycopy(values, 0, newValues, 0, index);
        System.arraycopy(names, index + 1, newNames, index, names.length - index - 1);
        System.arraycopy(values, index + 1, newValues, index, values.length - index - 1);
        return new KeyValues(newNames, newValues);
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public Object value(int index) {
        return values[index];
    }

    /** The value of {@code name}, or {@code null}. */
    public Object get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
