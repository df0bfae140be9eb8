package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;

import java.util.Map;

/** Finishes one step, then sleeps for the event's {@code millis}: past its deadline in the timeout test. */
public class SlowHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    @Tracing
    public String handleRequest(Map<String, Object> event, Context context) {
        LambdaTracing.withSubsegment("## step", () -> "done");
        try {
            Thread.sleep(((Number) event.get("millis")).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept";
    }
}
