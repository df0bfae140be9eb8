package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.logging.Logging;

import java.util.Map;

/** A handler as Powertools' logging docs write it: event, response and uncaught error logged by the aspect. */
public class PowertoolsStyleHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    @Logging(logEvent = true, logResponse = true, logError = true)
    public String handleRequest(Map<String, Object> event, Context context) {
        if ("fail".equals(event.get("action"))) {
            throw new IllegalStateException("requested failure");
        }
        return "done " + event.get("action");
    }
}
