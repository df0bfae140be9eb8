package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdalens.tracing.Tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A woven stream handler: the Context is its third argument and it returns nothing. */
public class StreamHandler implements RequestStreamHandler {

    @Override
    @Tracing
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(input.readAllBytes());
    }
}
