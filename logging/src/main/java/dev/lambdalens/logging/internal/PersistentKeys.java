package dev.lambdalens.logging.internal;

/**
 * Keys written on every line of every invocation until removed. Process-wide by definition (they describe the
 * execution environment, e.g. a tenant or a deployment id), which is why this is the one static in the module.
 */
public final class PersistentKeys {
    private static volatile KeyValues keys = KeyValues.EMPTY;

    private PersistentKeys() {
    }

    public static KeyValues current() {
        return keys;
    }

    public static synchronized void put(String name, Object value) {
        keys = keys.with(name, value);
    }

    public static synchronized void remove(String name) {
        keys = keys.without(name);
    }
}
