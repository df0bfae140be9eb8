package dev.lambdalens.core;

import dev.lambdalens.core.spi.ScopeKey;
import dev.lambdalens.core.spi.ThreadContextCarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvocationScopeTest {
    private static final ScopeKey<List<String>> NOTES = ScopeKey.named("notes");

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final LensRuntime runtime = LensRuntime.builder()
            .configuration(Configuration.of(Map.of()))
            .systemProperties(key -> null)
            .diagnostics(new Diagnostics(reported::add))
            .build();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static String header(int n) {
        return String.format("Root=1-67890abc-%024x;Parent=%016x;Sampled=1", n, n);
    }

    @Test
    void holdsTheInvocationsFactsAndIsCurrentOnlyWhileActive() {
        assertNull(InvocationScope.current());
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("req-1", header(1), 5000))) {
            InvocationScope scope = activation.scope();
            assertSame(scope, InvocationScope.current());
            assertTrue(activation.owner());
            assertEquals("req-1", scope.requestId());
            assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:test", scope.functionArn());
            assertEquals("1-67890abc-000000000000000000000001", scope.traceId());
            assertTrue(scope.remainingMillis() <= 5000 && scope.remainingMillis() > 4000, "" + scope.remainingMillis());
            assertEquals(scope.startEpochMillis() + 5000, scope.deadlineEpochMillis());
        }
        assertNull(InvocationScope.current());
    }

    @Test
    void nestedWrappersOfOneInvocationJoinOneScope() {
        FakeContext context = new FakeContext("req-1", header(1));
        List<String> closed = new ArrayList<>();
        try (InvocationScope.Activation outer = runtime.enter(context)) {
            outer.scope().state().onClose(() -> closed.add("outer"));
            try (InvocationScope.Activation inner = runtime.enter(context)) {
                assertSame(outer.scope(), inner.scope());
                assertFalse(inner.owner());
            }
            assertTrue(closed.isEmpty(), "an inner wrapper must not end the invocation");
            assertSame(outer.scope(), InvocationScope.current());
        }
        assertEquals(List.of("outer"), closed);
    }

    @Test
    void aNewRequestOnTheSameThreadGetsItsOwnScope() {
        InvocationScope first;
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1)))) {
            first = a.scope();
            first.state().attachment(NOTES, s -> new ArrayList<>()).add("first");
        }
        try (InvocationScope.Activation b = runtime.enter(new FakeContext("req-2", header(2)))) {
            assertNotSame(first, b.scope());
            assertNull(b.scope().state().attachment(NOTES));
            assertTrue(first.isClosed());
        }
    }

    @Test
    void concurrentInvocationsNeverSeeEachOthersState() throws Exception {
        int invocations = 4;
        CyclicBarrier allInside = new CyclicBarrier(invocations);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-" + n, header(n)))) {
                    a.scope().state().attachment(NOTES, s -> new CopyOnWriteArrayList<>()).add("note-" + n);
                    allInside.await(10, TimeUnit.SECONDS);
                    InvocationScope scope = InvocationScope.current();
                    return scope.requestId() + "|" + scope.traceId() + "|" + scope.state().attachment(NOTES);
                }
            }));
        }
        for (int i = 0; i < invocations; i++) {
            assertEquals("req-" + i + "|" + String.format("1-67890abc-%024x", i) + "|[note-" + i + "]",
                    results.get(i).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void wrappedTasksRunWithTheScopeOnOtherThreads() throws Exception {
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1)))) {
            InvocationScope scope = a.scope();
            Future<InvocationScope> viaCallable = pool.submit(scope.wrapCallable(InvocationScope::current));
            CompletableFuture<InvocationScope> viaSupplier =
                    CompletableFuture.supplyAsync(scope.wrapSupplier(() -> InvocationScope.current()), pool);
            CompletableFuture<InvocationScope> viaExecutor = new CompletableFuture<>();
            InvocationScope.propagating(pool).execute(() -> viaExecutor.complete(InvocationScope.current()));
            Future<InvocationScope> unwrapped = pool.submit(InvocationScope::current);

            assertSame(scope, viaCallable.get(5, TimeUnit.SECONDS));
            assertSame(scope, viaSupplier.get(5, TimeUnit.SECONDS));
            assertSame(scope, viaExecutor.get(5, TimeUnit.SECONDS));
            assertNull(unwrapped.get(5, TimeUnit.SECONDS), "a plain task must not inherit a scope by accident");
        }
        assertNull(pool.submit(InvocationScope::current).get(5, TimeUnit.SECONDS),
                "a pooled thread must not keep the scope after the task");
    }

    @Test
    void carriersTravelWithWrappedTasks() throws Exception {
        ThreadLocal<String> moduleState = new ThreadLocal<>();
        runtime.addCarrier(new ThreadContextCarrier() {
            @Override
            public Object capture() {
                return moduleState.get();
            }

            @Override
            public Runnable attach(Object captured) {
                String previous = moduleState.get();
                moduleState.set((String) captured);
                return () -> moduleState.set(previous);
            }
        });
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1)))) {
            moduleState.set("subsegment-42");
            Future<String> seen = pool.submit(a.scope().wrapCallable(moduleState::get));
            assertEquals("subsegment-42", seen.get(5, TimeUnit.SECONDS));
            moduleState.remove();
        }
        assertNull(pool.submit(moduleState::get).get(5, TimeUnit.SECONDS));
    }

    @Test
    void closeActionsRunInReverseOrderAndOneFailureDoesNotStopTheOthers() {
        List<String> order = new ArrayList<>();
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1)))) {
            a.scope().state().onClose(() -> order.add("first registered"));
            a.scope().state().onClose(() -> {
                throw new IllegalStateException("boom");
            });
            a.scope().state().onClose(() -> order.add("last registered"));
        }
        assertEquals(List.of("last registered", "first registered"), order);
        assertEquals(1, reported.size());
        assertTrue(reported.get(0).contains("boom"), reported.get(0));
    }

    @Test
    void deadlineActionRunsBeforeTheDeadlineWithTheScopeCurrent() throws Exception {
        CompletableFuture<InvocationScope> ran = new CompletableFuture<>();
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1), 400))) {
            a.scope().state().beforeDeadline(Duration.ofMillis(150), () -> ran.complete(InvocationScope.current()));
            assertSame(a.scope(), ran.get(5, TimeUnit.SECONDS));
            assertTrue(a.scope().remainingMillis() > 0, "ran after the deadline: " + a.scope().remainingMillis());
        }
    }

    @Test
    void deadlineActionIsCancelledWhenTheInvocationEndsInTime() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1), 300))) {
            a.scope().state().beforeDeadline(Duration.ofMillis(100), ran::countDown);
        }
        assertFalse(ran.await(500, TimeUnit.MILLISECONDS));
    }

    @Test
    void attachmentIsCreatedOncePerScopeEvenUnderContention() throws Exception {
        ConcurrentHashMap<Object, Boolean> created = new ConcurrentHashMap<>();
        try (InvocationScope.Activation a = runtime.enter(new FakeContext("req-1", header(1)))) {
            InvocationScope scope = a.scope();
            List<Future<List<String>>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(scope.wrapCallable(() -> scope.state().attachment(NOTES, s -> {
                    List<String> list = new CopyOnWriteArrayList<>();
                    created.put(list, true);
                    return list;
                }))));
            }
            List<String> first = all.get(0).get(5, TimeUnit.SECONDS);
            for (Future<List<String>> f : all) {
                assertSame(first, f.get(5, TimeUnit.SECONDS));
            }
        }
        assertEquals(1, created.size());
    }
}
