package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdalens.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A stream handler with {@code @Logging(logEvent = true)}: the aspect must log the event and still hand it on. */
public class WovenStreamHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WovenStreamHandler.class);

    @Override
    @Logging(logEvent = true)
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        LOG.info("read {} bytes", event.length);
        output.write(event);
    }
}
