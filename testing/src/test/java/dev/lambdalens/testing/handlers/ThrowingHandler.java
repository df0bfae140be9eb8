package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Always throws, so the runtime client reports a function error. */
public class ThrowingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("order store unavailable");
    }
}
