package dev.lambdalens.core;

import dev.lambdalens.core.spi.Primer;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrimingTest {
    static final AtomicInteger PRIMED = new AtomicInteger();
    static final AtomicInteger RESTORED = new AtomicInteger();

    /** Found through META-INF/services in the test resources, as each module's primer is. */
    public static final class CountingPrimer implements Primer {
        @Override
        public void prime(LensRuntime runtime) {
            PRIMED.incrementAndGet();
        }

        @Override
        public void afterRestore(LensRuntime runtime) {
            RESTORED.incrementAndGet();
        }
    }

    /** A primer that fails both ways: reported once each, and the others still run. */
    public static final class FailingPrimer implements Primer {
        @Override
        public void prime(LensRuntime runtime) {
            throw new IllegalStateException("cannot prime");
        }

        @Override
        public void afterRestore(LensRuntime runtime) {
            throw new IllegalStateException("cannot restore");
        }
    }

    /** A CRaC context that records what is registered, driven by the test as the CRaC runtime drives its own. */
    static final class RecordingContext extends Context<Resource> {
        final List<Resource> resources = new ArrayList<>();

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            for (Resource resource : resources) {
                try {
                    resource.beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public void register(Resource resource) {
            resources.add(resource);
        }
    }

    private final List<String> reports = new ArrayList<>();

    @BeforeEach
    void reset() {
        PRIMED.set(0);
        RESTORED.set(0);
    }

    private LensRuntime runtime(String initializationType, RecordingContext context) {
        return LensRuntime.builder()
                .configuration(Configuration.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType)))
                .diagnostics(new Diagnostics(reports::add)).checkpointContext(context).build();
    }

    @Test
    void aSnapStartRuntimeRegistersOneHookThatPrimesBeforeTheCheckpointAndRefreshesAfterTheRestore() throws Exception {
        RecordingContext context = new RecordingContext();
        runtime("snap-start", context);
        assertEquals(1, context.resources.size());

        context.beforeCheckpoint(null);
        assertEquals(1, PRIMED.get());
        assertEquals(0, RESTORED.get());
        context.afterRestore(null);
        assertEquals(1, RESTORED.get());

        assertEquals(2, reports.size(), reports::toString);
        assertTrue(reports.get(0).contains("FailingPrimer failed to prime"), reports::toString);
        assertTrue(reports.get(1).contains("FailingPrimer failed after the restore"), reports::toString);
    }

    @Test
    void primingClaimsNoColdStart() throws Exception {
        RecordingContext context = new RecordingContext();
        LensRuntime runtime = LensRuntime.builder().checkpointContext(context)
                .configuration(Configuration.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")))
                .diagnostics(new Diagnostics(reports::add)).build();
        runtime.prime();
        assertEquals(1, PRIMED.get());
        try (InvocationScope.Activation activation = runtime.enter(new FakeContext("r-1", null, 3_000))) {
            assertTrue(activation.scope().coldStart(), "priming must leave the cold start to the first invocation");
        }
    }

    @Test
    void otherEnvironmentsRegisterNothing() {
        for (String type : List.of("on-demand", "provisioned-concurrency", "lambda-managed-instances")) {
            RecordingContext context = new RecordingContext();
            runtime(type, context);
            assertTrue(context.resources.isEmpty(), type);
        }
        assertFalse(reports.stream().anyMatch(line -> line.contains("prime")), reports::toString);
    }
}
