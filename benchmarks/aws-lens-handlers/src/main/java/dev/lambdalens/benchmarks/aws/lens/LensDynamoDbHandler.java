package dev.lambdalens.benchmarks.aws.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.aws.DynamoDbOrders;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;

/**
 * The DynamoDB handler traced: the handler subsegment and {@code ## loadOrder}, under which the AWS call is
 * recorded by whatever records AWS calls on the class path (Lambda Lens's own interceptor in
 * {@code aws-lens}, the X-Ray SDK's instrumentor in {@code aws-xray-sdk}). Nothing is added to the client.
 */
public class LensDynamoDbHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final DynamoDbOrders orders = new DynamoDbOrders();
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> observed =
            ObservedHandler.wrap(this::handle).with(LambdaTracing.interceptor()).build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return observed.handleRequest(request, context);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent request, Context context) {
        Order order = LambdaTracing.withSubsegment("## loadOrder", () -> orders.load(request));
        return Orders.respond(order);
    }
}
