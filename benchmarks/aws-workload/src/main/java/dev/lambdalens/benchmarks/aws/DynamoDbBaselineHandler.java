package dev.lambdalens.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Orders;

/** The benchmark handler with one DynamoDB call and no tracing: the baseline of the DynamoDB variants. */
public final class DynamoDbBaselineHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final DynamoDbOrders orders = new DynamoDbOrders();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return Orders.respond(orders.load(request));
    }
}
