package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Returns its event unchanged and writes one line to each of stdout and stderr naming the request. */
public class EchoHandler implements RequestStreamHandler {
    static {
        System.out.println("echo handler initializing");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        System.out.println("echo stdout " + context.getAwsRequestId());
        System.err.println("echo stderr " + context.getAwsRequestId());
        input.transferTo(output);
    }
}
