package dev.lambdalens.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RuntimeComponentsTest {
    private static LensRuntime runtime() {
        return LensRuntime.builder().configuration(Configuration.of(java.util.Map.of()))
                .systemProperties(key -> null).build();
    }

    @Test
    void aComponentIsMadeOncePerRuntimeAndAFactoryMayAskForAnother() {
        LensRuntime runtime = runtime();
        AtomicInteger made = new AtomicInteger();
        // Before: a factory asking for another component threw "Recursive update" from the map.
        StringBuilder outer = runtime.component(StringBuilder.class,
                r -> new StringBuilder(r.component(String.class, x -> "inner-" + made.incrementAndGet())));
        assertEquals("inner-1", outer.toString());
        assertSame(outer, runtime.component(StringBuilder.class, r -> new StringBuilder("other")));
        assertEquals("inner-1", runtime.component(String.class, r -> "again-" + made.incrementAndGet()));
        assertNotSame(outer, runtime().component(StringBuilder.class, r -> new StringBuilder()));
    }
}
