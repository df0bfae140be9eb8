package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;

import java.util.Map;

/** Traced without AspectJ: the handler wrapped by ObservedHandler with the tracing interceptor, primed at init. */
public class PlainHandler implements RequestHandler<Map<String, Object>, String> {
    static {
        LambdaTracing.prime();
    }

    private final RequestHandler<Map<String, Object>, String> observed = ObservedHandler.wrap(this::handle)
            .with(LambdaTracing.interceptor())
            .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private String handle(Map<String, Object> event, Context context) {
        int total = LambdaTracing.withSubsegment("## compute", subsegment -> {
            subsegment.putMetadata("input", event);
            subsegment.putMetadata("call", new Call(event.size(), context.getAwsRequestId()));
            return 6 * 7;
        });
        LambdaTracing.putAnnotation("total", total);
        if (Boolean.TRUE.equals(event.get("fail"))) {
            throw new IllegalArgumentException("bad input");
        }
        return "total=" + total;
    }

    /** A record as metadata: written through its accessors, without Jackson. */
    record Call(int keys, String requestId) {
    }
}
