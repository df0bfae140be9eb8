package dev.lambdalens.benchmarks.lens;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import dev.lambdalens.tracing.Tracing;

/** The benchmark handler with Lambda Lens tracing only: the handler subsegment and one nested subsegment. */
public final class LensTracingHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    @Tracing
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return Orders.respond(loadOrder(request));
    }

    @Tracing
    Order loadOrder(APIGatewayProxyRequestEvent request) {
        return Orders.load(request);
    }
}
