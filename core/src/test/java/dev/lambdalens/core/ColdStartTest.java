package dev.lambdalens.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColdStartTest {

    @Test
    void onlyTheFirstOnDemandInvocationIsAColdStart() {
        ColdStart coldStart = new ColdStart(InitializationType.ON_DEMAND);

        assertTrue(coldStart.claim());
        assertFalse(coldStart.claim());
        assertFalse(coldStart.claim());
    }

    @ParameterizedTest
    @EnumSource(value = InitializationType.class, names = "ON_DEMAND", mode = EnumSource.Mode.EXCLUDE)
    void environmentsInitializedAheadOfTimeHaveNoColdStart(InitializationType type) {
        ColdStart coldStart = new ColdStart(type);

        assertFalse(coldStart.claim());
        assertFalse(coldStart.claim());
    }

    @Test
    void exactlyOneOfManyConcurrentFirstInvocationsIsTheColdStart() throws Exception {
        ColdStart coldStart = new ColdStart(InitializationType.ON_DEMAND);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger claimed = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (coldStart.claim()) {
                    claimed.incrementAndGet();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1, claimed.get());
    }

    @Test
    void initializationTypeIsReadFromLambdasValues() {
        assertEquals(InitializationType.ON_DEMAND, InitializationType.fromValue(null, Diagnostics.global()));
        assertEquals(InitializationType.ON_DEMAND, InitializationType.fromValue("on-demand", Diagnostics.global()));
        assertEquals(InitializationType.PROVISIONED_CONCURRENCY, InitializationType.fromValue("provisioned-concurrency", Diagnostics.global()));
        assertEquals(InitializationType.SNAP_START, InitializationType.fromValue("snap-start", Diagnostics.global()));
        assertEquals(InitializationType.LAMBDA_MANAGED_INSTANCES,
                InitializationType.fromValue("lambda-managed-instances", Diagnostics.global()));
    }

    @Test
    void runtimeDecidesColdStartFromTheEnvironmentOnce() {
        LensRuntime provisioned = LensRuntime.builder()
                .configuration(Configuration.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")))
                .systemProperties(key -> null)
                .build();
        try (InvocationScope.Activation first = provisioned.enter(new FakeContext("r1", null))) {
            assertFalse(first.scope().coldStart());
        }

        LensRuntime onDemand = LensRuntime.builder().configuration(Configuration.of(Map.of()))
                .systemProperties(key -> null).build();
        try (InvocationScope.Activation first = onDemand.enter(new FakeContext("r1", null))) {
            assertTrue(first.scope().coldStart());
        }
        try (InvocationScope.Activation second = onDemand.enter(new FakeContext("r2", null))) {
            assertFalse(second.scope().coldStart());
        }
    }
}
