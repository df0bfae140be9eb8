package dev.lambdalens.testing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestContextTest {

    @Test
    void buildsTheArnAndLogGroupFromTheFunctionName() {
        TestContext context = TestContext.builder().functionName("orders").region("eu-west-1")
                .accountId("111122223333").memoryLimitInMb(1024).build();

        assertEquals("arn:aws:lambda:eu-west-1:111122223333:function:orders", context.getInvokedFunctionArn());
        assertEquals("/aws/lambda/orders", context.getLogGroupName());
        assertEquals("orders", context.getFunctionName());
        assertEquals("$LATEST", context.getFunctionVersion());
        assertEquals(1024, context.getMemoryLimitInMB());
    }

    @Test
    void countsTheRemainingTimeDownOnItsClock() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        TestContext context = TestContext.builder()
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .deadline(now.plus(Duration.ofMillis(2500)))
                .build();
        TestContext expired = TestContext.builder()
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .deadline(now.minusSeconds(1))
                .build();

        assertEquals(2500, context.getRemainingTimeInMillis());
        assertEquals(0, expired.getRemainingTimeInMillis());
    }

    @Test
    void carriesAFreshTraceHeaderUnlessGivenOne() {
        String given = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        assertEquals(given, TestContext.builder().xrayTraceId(given).build().getXrayTraceId());
        String generated = TestContext.create().getXrayTraceId();
        assertTrue(generated.matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1"), generated);
        assertNotEquals(TestContext.create().getAwsRequestId(), TestContext.create().getAwsRequestId());
    }

    @Test
    void logsOneLinePerMessageToStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TestContext context = TestContext.create();
            context.getLogger().log("first");
            context.getLogger().log("second".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
        assertEquals("first" + System.lineSeparator() + "second" + System.lineSeparator(),
                captured.toString(StandardCharsets.UTF_8));
    }
}
