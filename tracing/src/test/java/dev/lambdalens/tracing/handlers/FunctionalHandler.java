package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.tracing.LambdaTracing;

import java.util.Map;

/**
 * Powertools' functional approach ({@code docs/core/tracing.md}, "Functional API"): no {@code @Tracing}, no
 * handler wrapper, only {@code withSubsegment} with void lambdas, one nested in the other.
 */
public class FunctionalHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        LambdaTracing.withSubsegment("businessLogic1", subsegment -> {
            subsegment.putAnnotation("order", String.valueOf(event.get("id")));
            LambdaTracing.withSubsegment("businessLogic2", inner -> {
                LambdaTracing.putMetadata("step", 2);
            });
        });
        return "ok";
    }
}
