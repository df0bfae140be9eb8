package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** A woven function whose annotation has a sampling rate of 7 (a typo for 0.7, or for 7 %). */
public class MisconfiguredHandler implements RequestHandler<Map<String, Object>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(MisconfiguredHandler.class);

    @Override
    @Logging(samplingRate = 7, logEvent = true)
    public String handleRequest(Map<String, Object> event, Context context) {
        LOG.debug("debug of {}", event.get("marker"));
        LOG.info("info of {}", event.get("marker"));
        return "ok";
    }
}
