package dev.lambdalens.testing.internal;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/** Writes each message as one line to {@code System.out}, read at call time so tests can redirect it. */
public final class StdoutLambdaLogger implements LambdaLogger {

    @Override
    public void log(String message) {
        System.out.println(message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
