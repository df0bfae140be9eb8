package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;

/**
 * Reads an order from DynamoDB at the endpoint the event names, inside {@code ## load}: the AWS call is traced
 * by Lambda Lens's interceptor, which the SDK finds on the class path (nothing is added to the client).
 */
public class AwsCallHandler implements RequestHandler<Map<String, String>, String> {
    private final RequestHandler<Map<String, String>, String> observed = ObservedHandler.wrap(this::handle)
            .with(LambdaTracing.interceptor())
            .build();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        return observed.handleRequest(event, context);
    }

    private String handle(Map<String, String> event, Context context) {
        try (DynamoDbClient client = AwsClients.dynamoDb(URI.create(event.get("endpoint")))) {
            return LambdaTracing.withSubsegment("## load", () -> client.getItem(r -> r.tableName("orders")
                    .key(Map.of("id", AttributeValue.fromS(event.get("id"))))).item().get("id").s());
        }
    }
}
