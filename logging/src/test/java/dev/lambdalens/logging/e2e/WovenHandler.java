package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.logging.CorrelationIdPaths;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A function annotated with {@code @Logging}, woven by ajc at test-compile time. */
public class WovenHandler implements RequestHandler<Map<String, Object>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WovenHandler.class);
    private static final ExecutorService WORKERS = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "worker");
        thread.setDaemon(true);
        return thread;
    });

    static {
        LOG.info("initializing");
    }

    @Override
    @Logging(logEvent = true, logError = true, bufferLogs = true,
            correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST)
    public String handleRequest(Map<String, Object> event, Context context) {
        return Actions.run(LOG, event);
    }

    /** What the test functions do, by the event's {@code action}. */
    public static final class Actions {
        private Actions() {
        }

        public static String run(Logger log, Map<String, Object> event) {
            String action = String.valueOf(event.getOrDefault("action", "ok"));
            Object marker = event.getOrDefault("marker", action);
            LambdaLogging.appendKey("marker", marker);
            log.debug("debug detail of {}", marker);
            log.info("handling {}", marker);
            switch (action) {
                case "worker":
                    try {
                        WORKERS.submit(InvocationScope.current().wrap(() -> log.info("from worker {}", marker)))
                                .get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    break;
                case "fail":
                    throw new IllegalStateException("requested failure");
                case "slow":
                    sleep(((Number) event.getOrDefault("millis", 300)).longValue());
                    log.info("done {}", marker);
                    break;
                default:
                    break;
            }
            return "ok:" + marker;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
