package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The same function without AspectJ: the plain-Java wrapper with the logging interceptor. */
public class PlainHandler implements RequestHandler<Map<String, Object>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHandler.class);

    private final RequestHandler<Map<String, Object>, String> observed =
            ObservedHandler.<Map<String, Object>, String>wrap((event, context) -> WovenHandler.Actions.run(LOG, event))
                    .with(LambdaLogging.builder().logResponse(true).logError(true).build())
                    .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }
}
