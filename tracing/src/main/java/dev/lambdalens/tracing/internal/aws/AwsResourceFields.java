package dev.lambdalens.tracing.internal.aws;

import dev.lambdalens.tracing.internal.Span;
import software.amazon.awssdk.core.SdkRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request fields that name what an AWS call acts on (its table, queue, topic, bucket...), per service, and
 * the {@code aws} keys X-Ray shows them under. Read through {@link SdkRequest#getValueForField}, which every
 * generated request implements with a switch on the field name: no reflection.
 */
final class AwsResourceFields {
    /** How a field's value is recorded. */
    private enum Kind {
        /** The value as text. */
        VALUE,
        /** The keys of a map (DynamoDB's {@code RequestItems}: the tables of a batch call). */
        MAP_KEYS,
        /** A list of names. */
        LIST
    }

    /** A request field and its {@code aws} key; {@code operationPart} limits it to operations naming it. */
    private static final class Field {
        final String member;
        final String key;
        final Kind kind;
        final String operationPart;

        Field(String member, String key, Kind kind, String operationPart) {
            this.member = member;
            this.key = key;
            this.kind = kind;
            this.operationPart = operationPart;
        }
    }

    /** Keyed by the SDK's service name ({@code SdkExecutionAttribute.SERVICE_NAME}). */
    private static final Map<String, Field[]> BY_SERVICE = Map.of(
            "DynamoDb", new Field[]{
                    new Field("TableName", "table_name", Kind.VALUE, null),
                    new Field("RequestItems", "table_names", Kind.MAP_KEYS, null)},
            "Sqs", new Field[]{
                    new Field("QueueUrl", "queue_url", Kind.VALUE, null),
                    new Field("QueueName", "queue_name", Kind.VALUE, null)},
            "Sns", new Field[]{
                    new Field("TopicArn", "topic_arn", Kind.VALUE, null)},
            "S3", new Field[]{
                    new Field("Bucket", "bucket_name", Kind.VALUE, null),
                    new Field("Key", "key", Kind.VALUE, null)},
            "Lambda", new Field[]{
                    new Field("FunctionName", "function_name", Kind.VALUE, null)},
            "Kinesis", new Field[]{
                    new Field("StreamName", "stream_name", Kind.VALUE, null),
                    new Field("StreamARN", "stream_arn", Kind.VALUE, null)},
            "SecretsManager", new Field[]{
                    new Field("SecretId", "secret_id", Kind.VALUE, null)},
            // SSM's Name also names documents, associations...: only parameter operations are recorded.
            "Ssm", new Field[]{
                    new Field("Name", "parameter_name", Kind.VALUE, "Parameter"),
                    new Field("Names", "parameter_names", Kind.LIST, "Parameter")},
            "EventBridge", new Field[]{
                    new Field("EventBusName", "event_bus_name", Kind.VALUE, null)});

    private AwsResourceFields() {
    }

    /** Puts the resource fields {@code request} holds into {@code span}'s {@code aws} object. */
    static void record(String service, String operation, SdkRequest request, Span span) {
        Field[] fields = service == null ? null : BY_SERVICE.get(service);
        if (fields == null || request == null) {
            return;
        }
        for (Field field : fields) {
            if (field.operationPart != null && (operation == null || !operation.contains(field.operationPart))) {
                continue;
            }
            switch (field.kind) {
                case VALUE: {
                    Optional<Object> value = request.getValueForField(field.member, Object.class);
                    if (value.isPresent()) {
                        span.putAws(field.key, value.get().toString());
                    }
                    break;
                }
                case MAP_KEYS: {
                    Optional<Map> value = request.getValueForField(field.member, Map.class);
                    if (value.isPresent() && !value.get().isEmpty()) {
                        span.putAws(field.key, List.copyOf(((Map<?, ?>) value.get()).keySet()));
                    }
                    break;
                }
                default: {
                    Optional<Collection> value = request.getValueForField(field.member, Collection.class);
                    if (value.isPresent() && !value.get().isEmpty()) {
                        span.putAws(field.key, List.copyOf((Collection<?>) value.get()));
                    }
                    break;
                }
            }
        }
    }
}
