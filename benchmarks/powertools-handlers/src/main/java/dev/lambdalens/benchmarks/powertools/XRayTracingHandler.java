package dev.lambdalens.benchmarks.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.benchmarks.workload.Orders;

/** The benchmark handler traced the way powertools-tracing would: a handler subsegment and a nested one. */
public final class XRayTracingHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        return XRayTracing.handler(() -> Orders.respond(XRayTracing.method("loadOrder", () -> Orders.load(request))));
    }
}
