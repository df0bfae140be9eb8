package dev.lambdalens.core.spi;

import java.util.Objects;

/**
 * Identifies one module's per-invocation state attached to an {@link dev.lambdalens.core.InvocationScope}.
 * Compared by identity: each module keeps its keys in constants.
 *
 * @param <T> the type of the attached value
 */
public final class ScopeKey<T> {
    private final String name;

    private ScopeKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A new key; the name only appears in messages. */
    public static <T> ScopeKey<T> named(String name) {
        return new ScopeKey<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
