package dev.lambdalens.testing;

import dev.lambdalens.core.InitializationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.handlers.ContextReportingHandler;
import dev.lambdalens.testing.handlers.EchoHandler;
import dev.lambdalens.testing.handlers.ExitingHandler;
import dev.lambdalens.testing.handlers.SleepingHandler;
import dev.lambdalens.testing.handlers.ThrowingHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs small handlers through the real runtime interface client, one child JVM per scenario. */
class LocalLambdaRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalLambdaRuntime.Builder runtimeFor(Class<?> handler) {
        return LocalLambdaRuntime.builder().handler(handler.getName() + "::handleRequest");
    }

    @Test
    void returnsTheResponseAndSplitsOutputBetweenInvocations() {
        try (LocalLambdaRuntime runtime = runtimeFor(EchoHandler.class).build()) {
            Invocation first = runtime.invoke("{\"n\":1}");
            Invocation second = runtime.invoke("{\"n\":2}");

            assertEquals(InvocationStatus.SUCCESS, first.status(), first::toString);
            assertEquals("{\"n\":1}", first.response().orElseThrow());
            assertEquals("{\"n\":2}", second.response().orElseThrow());
            assertEquals(List.of("echo stdout " + first.requestId()), first.stdout());
            assertEquals(List.of("echo stderr " + first.requestId()), first.stderr());
            assertEquals(List.of("echo stdout " + second.requestId()), second.stdout());
            assertEquals(List.of("echo stderr " + second.requestId()), second.stderr());
            // The static initializer ran before the first /next: its line belongs to no invocation.
            assertTrue(runtime.stdoutLines().contains("echo handler initializing"), runtime.stdoutLines()::toString);
            assertEquals(1, runtime.environmentsStarted());
        }
    }

    @Test
    void givesTheHandlerTheLambdaEnvironmentAndTheTraceHeader() throws Exception {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = runtimeFor(ContextReportingHandler.class)
                     .functionName("orders")
                     .memoryMb(256)
                     .region("eu-west-1")
                     .accountId("111122223333")
                     .initializationType(InitializationType.PROVISIONED_CONCURRENCY)
                     .xrayDaemonAddress(daemon.address())
                     .env("EXTRA_VARIABLE", "extra")
                     .jvmArg("-Dlambdalens.custom=yes")
                     .build()) {
            Invocation invocation = runtime.invoke("{}");
            assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
            JsonNode report = JSON.readTree(invocation.response().orElseThrow());
            JsonNode env = report.path("env");

            assertTrue(invocation.traceHeader().matches(
                    "Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1"), invocation.traceHeader());
            assertEquals(invocation.traceHeader(), report.path("xrayTraceId").asText());
            assertEquals(invocation.traceHeader(), report.path("traceHeaderProperty").asText());
            assertEquals(invocation.requestId(), report.path("requestId").asText());
            assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders", report.path("functionArn").asText());
            assertEquals(256, report.path("memoryLimitInMB").asInt());
            int remaining = report.path("remainingTimeInMillis").asInt();
            assertTrue(remaining > 5_000 && remaining <= 10_000, "remaining time " + remaining);
            assertEquals("yes", report.path("customProperty").asText());
            assertEquals("orders", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
            assertEquals("$LATEST", env.path("AWS_LAMBDA_FUNCTION_VERSION").asText());
            assertEquals("/aws/lambda/orders", env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText());
            assertTrue(env.path("AWS_LAMBDA_LOG_STREAM_NAME").asText().matches(
                    "\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"), env.toString());
            assertEquals("eu-west-1", env.path("AWS_REGION").asText());
            assertEquals("eu-west-1", env.path("AWS_DEFAULT_REGION").asText());
            assertEquals("provisioned-concurrency", env.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText());
            assertEquals(":UTC", env.path("TZ").asText());
            assertEquals(daemon.address(), env.path("AWS_XRAY_DAEMON_ADDRESS").asText());
            assertEquals("127.0.0.1", env.path("_AWS_XRAY_DAEMON_ADDRESS").asText());
            assertEquals(Integer.toString(daemon.port()), env.path("_AWS_XRAY_DAEMON_PORT").asText());
            assertEquals("LOG_ERROR", env.path("AWS_XRAY_CONTEXT_MISSING").asText());
            assertEquals("extra", env.path("EXTRA_VARIABLE").asText());
            assertTrue(env.path("_X_AMZN_TRACE_ID").isNull(), "the runtime client never sets _X_AMZN_TRACE_ID");
            assertTrue(env.path("AWS_LAMBDA_MAX_CONCURRENCY").isNull());

            Invocation unsampled = runtime.invoke(InvocationRequest.of("{}").sampled(false));
            assertTrue(unsampled.traceHeader().endsWith(";Sampled=0"), unsampled.traceHeader());
            assertEquals(unsampled.traceHeader(), JSON.readTree(unsampled.response().orElseThrow())
                    .path("xrayTraceId").asText());

            Invocation malformed = runtime.invoke(InvocationRequest.of("{}").traceHeader("Root=garbage;Sampled"));
            assertEquals(InvocationStatus.SUCCESS, malformed.status(), malformed::toString);
            assertEquals("Root=garbage;Sampled", JSON.readTree(malformed.response().orElseThrow())
                    .path("traceHeaderProperty").asText());
            assertEquals("garbage", malformed.traceRoot().orElseThrow());
            assertTrue(malformed.traceParent().isEmpty());
        }
    }

    @Test
    void reportsAnExceptionThrownByTheHandlerAsAFunctionError() {
        try (LocalLambdaRuntime runtime = runtimeFor(ThrowingHandler.class).build()) {
            Invocation invocation = runtime.invoke("{}");

            assertEquals(InvocationStatus.FUNCTION_ERROR, invocation.status(), invocation::toString);
            FunctionError error = invocation.error().orElseThrow();
            assertEquals("java.lang.IllegalStateException", error.type());
            assertEquals("order store unavailable", error.message());
            assertTrue(error.stackTrace().stream().anyMatch(line -> line.contains("ThrowingHandler")),
                    error.stackTrace()::toString);
            assertTrue(invocation.response().isEmpty());
        }
    }

    @Test
    void killsTheEnvironmentAtTheDeadlineAndColdStartsTheNext() {
        try (LocalLambdaRuntime runtime = runtimeFor(SleepingHandler.class).timeout(Duration.ofSeconds(1)).build()) {
            Invocation slow = runtime.invoke("{\"sleepMs\":20000}");

            assertEquals(InvocationStatus.TIMEOUT, slow.status(), slow::toString);
            assertEquals("Sandbox.Timedout", slow.error().orElseThrow().type());
            assertEquals("Task timed out after 1.00 seconds", slow.error().orElseThrow().message());
            assertTrue(slow.duration().compareTo(Duration.ofMillis(900)) >= 0
                    && slow.duration().compareTo(Duration.ofSeconds(10)) < 0, slow.duration()::toString);
            assertEquals(List.of("sleeping 20000 ms in " + slow.requestId()), slow.stdout());

            Invocation fast = runtime.invoke("{\"sleepMs\":0}");
            assertEquals(InvocationStatus.SUCCESS, fast.status(), fast::toString);
            assertEquals("\"woke " + fast.requestId() + "\"", fast.response().orElseThrow());
            assertEquals(2, runtime.environmentsStarted());
        }
    }

    @Test
    void reportsAJvmExitDuringAnInvocationAsACrashWithTheExitCode() {
        try (LocalLambdaRuntime runtime = runtimeFor(ExitingHandler.class).build()) {
            Invocation first = runtime.invoke("{}");

            assertEquals(InvocationStatus.CRASH, first.status(), first::toString);
            assertEquals(3, first.exitCode().orElseThrow());
            assertEquals("Runtime.ExitError", first.error().orElseThrow().type());
            assertEquals(List.of("exiting in " + first.requestId()), first.stdout());

            Invocation second = runtime.invoke("{}");
            assertEquals(InvocationStatus.CRASH, second.status(), second::toString);
            assertEquals(2, runtime.environmentsStarted());
            assertFalse(second.stdout().contains("exiting in " + first.requestId()));
        }
    }

    @Test
    void answersTheRestoreCallsOfASnapStartEnvironment() throws Exception {
        try (LocalLambdaRuntime runtime = runtimeFor(ContextReportingHandler.class)
                .initializationType(InitializationType.SNAP_START)
                .build()
                .start()) {
            Invocation invocation = runtime.invoke("{}");

            assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
            assertEquals("snap-start", JSON.readTree(invocation.response().orElseThrow())
                    .path("env").path("AWS_LAMBDA_INITIALIZATION_TYPE").asText());
            assertNull(invocation.error().orElse(null));
        }
    }
}
