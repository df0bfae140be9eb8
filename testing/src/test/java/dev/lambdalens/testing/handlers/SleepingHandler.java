package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Sleeps for the event's {@code sleepMs}, then answers with its request id. */
public class SleepingHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long sleepMs = JSON.readTree(input).path("sleepMs").asLong();
        System.out.println("sleeping " + sleepMs + " ms in " + context.getAwsRequestId());
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.write(("\"woke " + context.getAwsRequestId() + "\"").getBytes(StandardCharsets.UTF_8));
    }
}
