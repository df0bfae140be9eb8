package dev.lambdalens.logging;

/**
 * Where common event sources carry a correlation id, as the JMESPath expressions Powertools for AWS Lambda uses
 * (so existing values keep working), plus SQS. For {@link Logging#correlationIdPath()} and
 * {@link LambdaLogging.Builder#correlationIdPath(String)}.
 */
public final class CorrelationIdPaths {
    /** API Gateway REST API: the API Gateway request id. */
    public static final String API_GATEWAY_REST = "requestContext.requestId";
    /** API Gateway HTTP API: the API Gateway request id. */
    public static final String API_GATEWAY_HTTP = "requestContext.requestId";
    /** Lambda function URL: the request id. */
    public static final String LAMBDA_FUNCTION_URL = "requestContext.requestId";
    /** Application Load Balancer: the X-Ray trace header the load balancer adds. */
    public static final String APPLICATION_LOAD_BALANCER = "headers.\"x-amzn-trace-id\"";
    /** EventBridge: the event id. */
    public static final String EVENT_BRIDGE = "id";
    /** AppSync resolver: the X-Ray trace header of the request. */
    public static final String APPSYNC_RESOLVER = "request.headers.\"x-amzn-trace-id\"";
    /** AppSync authorizer: the request id. */
    public static final String APPSYNC_AUTHORIZER = "requestContext.requestId";
    /** SQS: the message id of the first record of the batch. */
    public static final String SQS = "Records[0].messageId";
    /** S3 Object Lambda: the S3 request id. */
    public static final String S3_OBJECT_LAMBDA = "xAmzRequestId";

    private CorrelationIdPaths() {
    }
}
