package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.logging.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.kv;

/** The benchmark handler with Lambda Lens logging only: three JSON log lines, one with a key-value pair. */
public final class LensLoggingHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LensLoggingHandler.class);

    @Override
    @Logging
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        LOG.info("Received order request");
        Order order = Orders.load(request);
        LOG.info("Loaded order", kv("orderId", order.orderId()));
        APIGatewayProxyResponseEvent response = Orders.respond(order);
        LOG.info("Order served");
        return response;
    }
}
