package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * A buffering function that writes its held lines {@value #MARGIN_MILLIS} ms before the deadline, then keeps
 * logging at DEBUG until Lambda stops it: the lines logged after the deadline flush must not be lost.
 */
public class BufferingHandler implements RequestHandler<Map<String, Object>, String> {
    static final long MARGIN_MILLIS = 1500;
    private static final Logger LOG = LoggerFactory.getLogger(BufferingHandler.class);

    private final RequestHandler<Map<String, Object>, String> observed =
            ObservedHandler.<Map<String, Object>, String>wrap(BufferingHandler::handle)
                    .with(LambdaLogging.builder().buffering(true).deadlineMargin(Duration.ofMillis(MARGIN_MILLIS))
                            .build())
                    .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private static String handle(Map<String, Object> event, Context context) {
        LOG.debug("held before the deadline flush");
        // Well past the flush (timeout - margin), well before the timeout itself.
        sleep(context.getRemainingTimeInMillis() - MARGIN_MILLIS / 3);
        LOG.debug("logged after the deadline flush");
        LOG.info("info after the deadline flush");
        sleep(60_000);
        return "never";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
