package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits until the event's {@code parties} invocations have been inside the handler at the same time (or 5 s
 * pass), which only happens when one JVM runs them concurrently, then reports the most it saw inside at once.
 */
public class RendezvousHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INSIDE = new AtomicInteger();
    /** The most invocations ever inside at once; a peak, so a late look cannot miss a brief overlap. */
    private static final AtomicInteger PEAK = new AtomicInteger();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int parties = JSON.readTree(input).path("parties").asInt();
        PEAK.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
        System.out.println("arrived " + context.getAwsRequestId());
        long giveUp = System.nanoTime() + 5_000_000_000L;
        while (PEAK.get() < parties && System.nanoTime() < giveUp) {
            sleepBriefly();
        }
        int seen = PEAK.get();
        INSIDE.decrementAndGet();
        ObjectNode report = JSON.createObjectNode();
        report.put("requestId", context.getAwsRequestId());
        report.put("xrayTraceId", context.getXrayTraceId());
        report.put("seenInside", seen);
        report.put("thread", Thread.currentThread().getName());
        JSON.writeValue(output, report);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
