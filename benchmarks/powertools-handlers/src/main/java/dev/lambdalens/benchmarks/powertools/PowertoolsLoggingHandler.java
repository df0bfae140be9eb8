package dev.lambdalens.benchmarks.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.Logging;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** The benchmark handler with Powertools logging only: three JSON log lines, one with a key-value pair. */
public final class PowertoolsLoggingHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsLoggingHandler.class);

    @Override
    @Logging
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        LOG.info("Received order request");
        Order order = Orders.load(request);
        LOG.info("Loaded order", entry("orderId", order.orderId()));
        APIGatewayProxyResponseEvent response = Orders.respond(order);
        LOG.info("Order served");
        return response;
    }
}
