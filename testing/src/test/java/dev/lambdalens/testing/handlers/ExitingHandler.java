package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Exits the JVM with status 3 in the middle of an invocation. */
public class ExitingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.out.println("exiting in " + context.getAwsRequestId());
        System.exit(3);
    }
}
