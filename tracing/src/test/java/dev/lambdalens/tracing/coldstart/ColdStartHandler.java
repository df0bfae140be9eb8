package dev.lambdalens.tracing.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.handlers.LocalDynamoDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One handler, several cold start variants chosen by the environment variable {@code VARIANT}, all doing the
 * same work through the core's {@link ObservedHandler}:
 * <ul>
 *   <li>{@code none}: no tracing;</li>
 *   <li>{@code sdk}: a handler subsegment through the X-Ray SDK's global recorder, as an SDK-based tracer
 *       (Powertools) does: two annotations, the response as metadata;</li>
 *   <li>{@code sdk-jackson-loaded}: the same, with a Jackson ObjectMapper used at init as a JSON logging
 *       encoder would (what "sharing what logging loads" can save);</li>
 *   <li>{@code sdk-primed}: the same, with the recorder warmed on a background thread started at init;</li>
 *   <li>{@code lens}: Lambda Lens tracing ({@code LAMBDA_LENS_TRACING_SDK_INTEROP} decides the interop);</li>
 *   <li>{@code none-bean} and {@code lens-bean}: a bean-shaped response instead of a map;</li>
 *   <li>{@code lens-primed}: the same, with {@code LambdaTracing.prime()} in the constructor;</li>
 *   <li>{@code dynamodb-sdk} and {@code dynamodb-lens}: a DynamoDB call with the X-Ray SDK's interceptor,
 *       under an SDK handler subsegment or under Lambda Lens with interop.</li>
 * </ul>
 */
public class ColdStartHandler implements RequestHandler<Map<String, Object>, Object> {
    private static final String VARIANT = System.getenv("VARIANT");

    private final RequestHandler<Map<String, Object>, Object> observed;

    public ColdStartHandler() {
        ObservedHandler.Builder<Map<String, Object>, Object> builder;
        switch (VARIANT) {
            case "none-bean":
                builder = ObservedHandler.wrap(ColdStartHandler::bean);
                break;
            case "lens-bean":
                builder = ObservedHandler.wrap(ColdStartHandler::bean).with(LambdaTracing.interceptor());
                break;
            case "lens-primed":
                LambdaTracing.prime();
                builder = ObservedHandler.wrap(ColdStartHandler::work).with(LambdaTracing.interceptor());
                break;
            case "lens":
                builder = ObservedHandler.wrap(ColdStartHandler::work).with(LambdaTracing.interceptor());
                break;
            case "dynamodb-lens":
                builder = ObservedHandler.wrap(ColdStartHandler::dynamoDb).with(LambdaTracing.interceptor());
                break;
            case "dynamodb-sdk":
                builder = ObservedHandler.wrap((event, context) -> sdkTraced(event, context, true));
                break;
            case "none":
                builder = ObservedHandler.wrap(ColdStartHandler::work);
                break;
            case "sdk-jackson-loaded":
                try {
                    new ObjectMapper().writeValueAsString(Map.of("message", "init"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                builder = ObservedHandler.wrap((event, context) -> sdkTraced(event, context, false));
                break;
            case "sdk-primed":
                Thread primer = new Thread(() -> AWSXRay.getGlobalRecorder().beginNoOpSegment().serialize(),
                        "xray-primer");
                primer.setDaemon(true);
                primer.start();
                builder = ObservedHandler.wrap((event, context) -> sdkTraced(event, context, false));
                break;
            default:
                builder = ObservedHandler.wrap((event, context) -> sdkTraced(event, context, false));
        }
        observed = builder.build();
    }

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private static Object bean(Map<String, Object> event, Context context) {
        return new Response(200, "ok", event.size());
    }

    /** A bean-shaped response, as API Gateway handlers return. */
    public static final class Response {
        private final int statusCode;
        private final String body;
        private final int keys;

        Response(int statusCode, String body, int keys) {
            this.statusCode = statusCode;
            this.body = body;
            this.keys = keys;
        }

        public int getStatusCode() {
            return statusCode;
        }

        public String getBody() {
            return body;
        }

        public int getKeys() {
            return keys;
        }
    }

    private static Object work(Map<String, Object> event, Context context) {
        return Map.of("ok", true, "keys", event.size());
    }

    private static Object sdkTraced(Map<String, Object> event, Context context, boolean callDynamoDb) {
        Subsegment subsegment = AWSXRay.beginSubsegment("## handleRequest");
        try {
            InvocationScope scope = InvocationScope.current();
            subsegment.putAnnotation("ColdStart", scope.coldStart());
            subsegment.putAnnotation("Service", scope.environment().serviceName());
            Object response = callDynamoDb ? dynamoDb(event, context) : work(event, context);
            subsegment.putMetadata("service_undefined", "handleRequest response", response);
            return response;
        } finally {
            AWSXRay.endSubsegment();
        }
    }

    private static Object dynamoDb(Map<String, Object> event, Context context) {
        return Map.of("ok", true, "tables", LocalDynamoDb.listTableNames().size());
    }
}
