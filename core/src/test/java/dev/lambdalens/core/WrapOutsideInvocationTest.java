package dev.lambdalens.core;

import dev.lambdalens.core.spi.ThreadContextCarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handing work to threads never throws for want of an invocation: outside one, tasks run as they are. */
class WrapOutsideInvocationTest {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final LensRuntime runtime = LensRuntime.builder()
            .configuration(Configuration.of(Map.of()))
            .systemProperties(key -> null)
            .diagnostics(new Diagnostics(reported::add))
            .build();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void outsideAnInvocationTheWrappersRunTheTaskAsItIs() throws Exception {
        assertNull(InvocationScope.current());
        AtomicReference<String> ran = new AtomicReference<>();
        Runnable task = () -> ran.set("run");
        assertSame(task, InvocationScope.wrapCurrent(task));
        pool.submit(InvocationScope.wrapCurrent(task)).get(5, TimeUnit.SECONDS);
        assertEquals("run", ran.get());
        assertEquals("call", pool.submit(InvocationScope.wrapCurrentCallable(() -> "call")).get(5, TimeUnit.SECONDS));
        assertEquals("supply", CompletableFuture.supplyAsync(InvocationScope.wrapCurrentSupplier(() -> "supply"), pool)
                .get(5, TimeUnit.SECONDS));
        CompletableFuture<InvocationScope> seen = new CompletableFuture<>();
        InvocationScope.propagating(pool).execute(() -> seen.complete(InvocationScope.current()));
        assertNull(seen.get(5, TimeUnit.SECONDS));
        assertTrue(reported.isEmpty(), reported.toString());
    }

    @Test
    void insideAnInvocationTheStaticWrappersCarryTheScope() throws Exception {
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("req-w", null, 5000))) {
            InvocationScope scope = activation.scope();
            assertSame(scope, pool.submit(InvocationScope.wrapCurrentCallable(InvocationScope::current))
                    .get(5, TimeUnit.SECONDS));
            assertSame(scope, CompletableFuture.supplyAsync(InvocationScope.wrapCurrentSupplier(InvocationScope::current),
                    pool).get(5, TimeUnit.SECONDS));
            CompletableFuture<InvocationScope> seen = new CompletableFuture<>();
            pool.submit(InvocationScope.wrapCurrent(() -> seen.complete(InvocationScope.current())));
            assertSame(scope, seen.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aScopeWrappedAfterItsInvocationEndedStillRunsTheTask() throws Exception {
        runtime.addCarrier(new FailingCarrier());
        InvocationScope ended;
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("req-e", null, 5000))) {
            ended = activation.scope();
        }
        assertTrue(ended.isClosed());
        AtomicReference<String> ran = new AtomicReference<>();
        pool.submit(ended.wrap(() -> ran.set("after the end"))).get(5, TimeUnit.SECONDS);
        assertEquals("after the end", ran.get());
        assertEquals("late", pool.submit(ended.wrapCallable(() -> "late")).get(5, TimeUnit.SECONDS));
        assertEquals("later", CompletableFuture.supplyAsync(ended.wrapSupplier(() -> "later"), pool).get(5, TimeUnit.SECONDS));
        assertNull(InvocationScope.current());
        assertEquals(1, reported.stream().filter(r -> r.contains("could not capture thread context")).count(),
                reported.toString());
    }

    /** A module's carrier that fails: the task still runs, the failure is reported once. */
    private static final class FailingCarrier implements ThreadContextCarrier {
        @Override
        public Object capture() {
            throw new IllegalStateException("carrier broke");
        }

        @Override
        public Runnable attach(Object captured) {
            return () -> { };
        }
    }
}
