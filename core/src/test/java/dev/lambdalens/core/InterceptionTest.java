package dev.lambdalens.core;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.spi.InvocationInterceptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterceptionTest {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final LensRuntime runtime = LensRuntime.builder()
            .configuration(Configuration.of(Map.of()))
            .systemProperties(key -> null)
            .diagnostics(new Diagnostics(reported::add))
            .build();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private InvocationInterceptor recording(String name) {
        return new InvocationInterceptor() {
            @Override
            public void beforeHandler(InvocationScope scope, Object event) {
                calls.add(name + ".before(" + event + "," + scope.requestId() + ")");
            }

            @Override
            public void afterSuccess(InvocationScope scope, Object event, Object response) {
                calls.add(name + ".success(" + response + ")");
            }

            @Override
            public void afterFailure(InvocationScope scope, Object event, Throwable error) {
                calls.add(name + ".failure(" + error.getMessage() + ")");
            }

            @Override
            public void afterHandler(InvocationScope scope) {
                calls.add(name + ".end");
            }
        };
    }

    private static final InvocationInterceptor BROKEN = new InvocationInterceptor() {
        @Override
        public void beforeHandler(InvocationScope scope, Object event) {
            throw new IllegalStateException("broken before");
        }

        @Override
        public void afterHandler(InvocationScope scope) {
            throw new NoClassDefFoundError("some/Missing");
        }
    };

    @Test
    void interceptorsWrapTheHandlerOutermostFirst() {
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((in, ctx) -> {
                    calls.add("handler");
                    return in.toUpperCase();
                })
                .with(recording("a")).with(recording("b")).runtime(runtime).build();

        assertEquals("HI", handler.handleRequest("hi", new FakeContext("req-1", null)));
        assertEquals(List.of("a.before(hi,req-1)", "b.before(hi,req-1)", "handler", "b.success(HI)", "a.success(HI)",
                "b.end", "a.end"), calls);
    }

    @Test
    void theHandlersExceptionPassesThroughUnchangedAfterFailureHooks() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad order");
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((in, ctx) -> {
                    throw thrown;
                })
                .with(recording("a")).runtime(runtime).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler.handleRequest("hi", new FakeContext("req-1", null)));
        assertSame(thrown, e);
        assertEquals(List.of("a.before(hi,req-1)", "a.failure(bad order)", "a.end"), calls);
    }

    @Test
    void checkedExceptionsFromAnAroundCallAreRethrownAsTheyAre() {
        Context context = new FakeContext("req-1", null);
        IOException e = assertThrows(IOException.class, () -> Interception.around(runtime, context, "ev",
                List.of(recording("a")), () -> {
                    throw new IOException("disk");
                }));
        assertEquals("disk", e.getMessage());
    }

    @Test
    void aFailingInterceptorIsReportedOnceAndTheHandlerGoesOn() {
        RequestHandler<String, String> handler = ObservedHandler.<String, String>wrap((in, ctx) -> "ok")
                .with(BROKEN).with(recording("a")).runtime(runtime).build();

        assertEquals("ok", handler.handleRequest("x", new FakeContext("req-1", null)));
        assertEquals("ok", handler.handleRequest("y", new FakeContext("req-2", null)));

        assertTrue(calls.contains("a.success(ok)"));
        assertEquals(2, reported.size(), reported.toString());
        assertTrue(reported.stream().anyMatch(line -> line.contains("broken before")));
        assertTrue(reported.stream().anyMatch(line -> line.contains("some/Missing")));
    }

    @Test
    void findsTheContextAmongArguments() {
        Context context = new FakeContext("req-1", null);
        assertSame(context, Interception.findContext(new Object[] {"event", context}));
        assertEquals(null, Interception.findContext(new Object[] {"event"}));
    }
}
