package dev.lambdalens.tracing.handlers;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** Real AWS SDK v2 clients for a local endpoint: static credentials, 3 attempts without back-off. */
public final class AwsClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));

    private AwsClients() {
    }

    /** The SDK's standard retries, three attempts, retried at once (the test need not wait for back-off). */
    public static ClientOverrideConfiguration overrides(ExecutionInterceptor... added) {
        ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder()
                .retryStrategy(retry -> retry.maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()));
        for (ExecutionInterceptor interceptor : added) {
            builder.addExecutionInterceptor(interceptor);
        }
        return builder.build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... added) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides(added)).build();
    }

    public static DynamoDbAsyncClient dynamoDbAsync(URI endpoint) {
        return DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create())
                .overrideConfiguration(overrides()).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides()).build();
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_WEST_2).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides()).build();
    }
}
