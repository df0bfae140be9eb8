package dev.lambdalens.testing;

import dev.lambdalens.testing.handlers.EchoHandler;
import dev.lambdalens.testing.handlers.FailingInitHandler;
import dev.lambdalens.testing.handlers.SlowInitHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways a function fails to initialize, each ending in INIT_ERROR within a bounded time. */
class InitFailureTest {

    @Test
    void reportsWhatTheRuntimeClientPostsToInitErrorAndRetriesInitOnTheNextInvoke() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(FailingInitHandler.class.getName() + "::handleRequest").build()) {
            Invocation first = runtime.invoke("{}");
            Invocation second = runtime.invoke("{}");

            assertEquals(InvocationStatus.INIT_ERROR, first.status(), first::toString);
            // What the runtime client 2.10.1 posts to /init/error: the cause is only in the log.
            FunctionError error = first.error().orElseThrow();
            assertEquals("java.lang.ExceptionInInitializerError", error.type());
            assertEquals("Error loading class " + FailingInitHandler.class.getName(), error.message());
            assertTrue(first.stdout().stream().anyMatch(line -> line.contains("missing configuration TABLE_NAME")),
                    first.stdout()::toString);
            assertEquals(InvocationStatus.INIT_ERROR, second.status(), second::toString);
            assertEquals(2, runtime.environmentsStarted());
        }
    }

    @Test
    void reportsAChildThatExitsBeforeAskingForWork() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(EchoHandler.class.getName())
                .classpath(System.getProperty("java.io.tmpdir")) // no runtime client on it
                .build()) {
            Invocation invocation = runtime.invoke("{}");

            assertEquals(InvocationStatus.INIT_ERROR, invocation.status(), invocation::toString);
            assertEquals("Runtime exited with error: exit status 1 before it asked for an invocation",
                    invocation.error().orElseThrow().message());
            assertTrue(String.join("\n", invocation.stderr()).contains("AWSLambda"), invocation.stderr()::toString);
        }
    }

    @Test
    void givesUpOnAChildThatDoesNotAskForWorkWithinTheInitTimeout() {
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(SlowInitHandler.class.getName())
                .initTimeout(Duration.ofSeconds(1))
                .build()) {
            long startNanos = System.nanoTime();
            Invocation invocation = runtime.invoke("{}");

            assertEquals(InvocationStatus.INIT_ERROR, invocation.status(), invocation::toString);
            assertEquals("Runtime did not ask for an invocation within 1000 ms",
                    invocation.error().orElseThrow().message());
            assertTrue(invocation.stdout().contains("slow init started"), invocation.stdout()::toString);
            assertTrue(System.nanoTime() - startNanos < Duration.ofSeconds(10).toNanos());
        }
    }
}
