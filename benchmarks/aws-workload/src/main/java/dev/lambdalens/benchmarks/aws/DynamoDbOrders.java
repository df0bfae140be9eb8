package dev.lambdalens.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.lambdalens.benchmarks.workload.Order;
import dev.lambdalens.benchmarks.workload.Orders;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.Map;

/** Loads the order with one DynamoDB {@code GetItem}, through a client built once, as a function does at init. */
public final class DynamoDbOrders {
    private final DynamoDbClient client = DynamoDbClient.builder()
            .endpointOverride(LocalDynamoDbEndpoint.uri())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    public Order load(APIGatewayProxyRequestEvent request) {
        String orderId = Orders.orderId(request);
        GetItemResponse item = client.getItem(r -> r.tableName("orders")
                .key(Map.of("orderId", AttributeValue.fromS(orderId))));
        Order computed = Orders.load(request);
        int items = Integer.parseInt(item.item().get("items").n());
        return new Order(computed.orderId(), computed.customerId(), computed.currency(), items,
                Long.parseLong(item.item().get("total").n()));
    }
}
