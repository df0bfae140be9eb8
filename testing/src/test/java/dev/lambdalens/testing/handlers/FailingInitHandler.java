package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Fails in its static initializer, so the runtime client reports an init error. */
public class FailingInitHandler implements RequestStreamHandler {
    static {
        if (Boolean.parseBoolean("true")) {
            throw new IllegalStateException("missing configuration TABLE_NAME");
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never reached: initialization fails");
    }
}
