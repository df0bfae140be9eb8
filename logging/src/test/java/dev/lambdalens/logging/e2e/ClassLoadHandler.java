package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static net.logstash.logback.argument.StructuredArguments.fields;
import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Logs the kinds of lines a function writes every day ({@code "plain"}), or lines that serialize objects
 * ({@code "objects"}), so that a test can see which classes each kind loads.
 */
public class ClassLoadHandler implements RequestHandler<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(ClassLoadHandler.class);

    private final RequestHandler<String, String> observed = ObservedHandler.<String, String>wrap(this::handle)
            .with(LambdaLogging.builder().build())
            .build();

    @Override
    public String handleRequest(String event, Context context) {
        return observed.handleRequest(event, context);
    }

    private String handle(String action, Context context) {
        if ("objects".equals(action)) {
            LOG.info("bean", kv("order", new Order("o-2", "hunter2")));
            LOG.info("fields", fields(new Order("o-3", "hunter3")));
            return "objects";
        }
        LambdaLogging.appendKey("orderId", "o-1");
        LambdaLogging.appendKey("attempt", 2);
        MDC.put("tenant", "t-1");
        try {
            LOG.info("plain {}", "text");
            LOG.atInfo().addKeyValue("amount", 9.5).addKeyValue("paid", true).addKeyValue("items", 3L).log("pairs");
            LOG.info("arguments", kv("count", 3), kv("flag", false), kv("name", "n-1"), kv("note", "card 1234-5678"));
            LOG.warn("failed", new IllegalStateException("boom"));
        } finally {
            MDC.remove("tenant");
        }
        return "plain";
    }

    /** A bean with a secret: serialized through Jackson, masked while written. */
    public static final class Order {
        private final String id;
        private final String password;

        Order(String id, String password) {
            this.id = id;
            this.password = password;
        }

        public String getId() {
            return id;
        }

        public String getPassword() {
            return password;
        }
    }
}
