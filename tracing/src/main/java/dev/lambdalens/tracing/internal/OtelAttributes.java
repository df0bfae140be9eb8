package dev.lambdalens.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a Lens span recorded, as OpenTelemetry span attributes, events and status, in the form X-Ray's OTLP
 * ingestion (and the collector's {@code awsxray} exporter) turns back into a subsegment:
 * <ul>
 *   <li>annotation {@code K} = attribute {@code K} with the same type, and {@code K} listed in the string array
 *       {@value #ANNOTATIONS}, which tells X-Ray to index it as an annotation;</li>
 *   <li>metadata {@code K} in namespace {@code N} = string attribute {@code N.K} holding the value as JSON (X-Ray
 *       shows it as metadata);</li>
 *   <li>an AWS SDK call: {@code rpc.system = aws-api}, {@code rpc.service}, {@code rpc.method} and the AWS
 *       attributes of the OpenTelemetry semantic conventions ({@link #awsKey});</li>
 *   <li>an error: an {@code exception} event (when the error is captured), status {@code ERROR}, and
 *       {@code error.type}.</li>
 * </ul>
 */
final class OtelAttributes {
    /** The attribute listing which attributes X-Ray indexes as annotations. */
    static final String ANNOTATIONS = "aws.xray.annotations";
    private static final AttributeKey<List<String>> ANNOTATION_KEYS = AttributeKey.stringArrayKey(ANNOTATIONS);
    private static final AttributeKey<List<String>> TABLE_NAMES = AttributeKey.stringArrayKey("aws.dynamodb.table_names");

    private OtelAttributes() {
    }

    /** Called with the span's lock held, after it ended. */
    static void copy(Span span, io.opentelemetry.api.trace.Span otel) {
        Map<String, Object> annotations = span.annotations();
        if (annotations != null) {
            List<String> keys = new ArrayList<>(annotations.size());
            for (Map.Entry<String, Object> annotation : annotations.entrySet()) {
                put(otel, annotation.getKey(), annotation.getValue());
                keys.add(annotation.getKey());
            }
            otel.setAttribute(ANNOTATION_KEYS, keys);
        }
        Metadata metadata = span.metadata();
        if (metadata != null) {
            for (int i = 0; i < metadata.size(); i++) {
                otel.setAttribute(metadata.namespace(i) + "." + metadata.key(i), metadata.value(i));
            }
        }
        if ("aws".equals(span.namespace())) {
            otel.setAttribute("rpc.system", "aws-api");
            otel.setAttribute("rpc.service", span.name());
        }
        Map<String, Object> aws = span.aws();
        if (aws != null) {
            for (Map.Entry<String, Object> field : aws.entrySet()) {
                putAws(otel, field.getKey(), field.getValue());
            }
        }
        if (span.httpStatus() > 0) {
            otel.setAttribute("http.response.status_code", span.httpStatus());
            if (span.httpContentLength() >= 0) {
                otel.setAttribute("http.response.body.size", span.httpContentLength());
            }
        }
        Throwable cause = span.cause();
        if (cause != null) {
            otel.recordException(cause);
        }
        if (span.fault() || span.error() || span.throttle()) {
            String type = cause != null ? cause.getClass().getName()
                    : span.httpStatus() > 0 ? Integer.toString(span.httpStatus()) : "_OTHER";
            otel.setAttribute("error.type", type);
            otel.setStatus(StatusCode.ERROR, cause != null ? String.valueOf(cause.getMessage()) : "");
        }
    }

    /** An {@code aws} field of the X-Ray subsegment, under its semantic-conventions name. */
    private static void putAws(io.opentelemetry.api.trace.Span otel, String key, Object value) {
        switch (key) {
            case "table_name":
                otel.setAttribute(TABLE_NAMES, List.of(value.toString()));
                return;
            case "table_names":
                otel.setAttribute(TABLE_NAMES, strings(value));
                return;
            case "function_name":
                otel.setAttribute("faas.invoked_name", value.toString());
                otel.setAttribute("faas.invoked_provider", "aws");
                return;
            case "secret_id":
                // The request names the secret by name or by ARN; only an ARN has a convention.
                otel.setAttribute(value.toString().startsWith("arn:") ? "aws.secretsmanager.secret.arn"
                        : "aws.secret_id", value.toString());
                return;
            default:
                put(otel, awsKey(key), value);
        }
    }

    /**
     * The attribute for the X-Ray {@code aws} field {@code key}: the semantic conventions' name where there is
     * one, else {@code aws.} + the X-Ray name ({@code aws.retries}, {@code aws.queue_name}, ...).
     */
    static String awsKey(String key) {
        switch (key) {
            case "operation":
                return "rpc.method";
            case "region":
                return "cloud.region";
            case "request_id":
                return "aws.request_id";
            case "id_2":
                return "aws.extended_request_id";
            case "queue_url":
                return "aws.sqs.queue.url";
            case "topic_arn":
                return "aws.sns.topic.arn";
            case "bucket_name":
                return "aws.s3.bucket";
            case "key":
                return "aws.s3.key";
            case "stream_name":
                return "aws.kinesis.stream_name";
            default:
                return "aws.".concat(key);
        }
    }

    private static void put(io.opentelemetry.api.trace.Span otel, String key, Object value) {
        if (value instanceof String) {
            otel.setAttribute(key, (String) value);
        } else if (value instanceof Boolean) {
            otel.setAttribute(key, (Boolean) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            otel.setAttribute(key, ((Number) value).longValue());
        } else if (value instanceof Number) {
            otel.setAttribute(key, ((Number) value).doubleValue()); // BigDecimal, AtomicLong...: as X-Ray reads them
        } else if (value instanceof Collection) {
            otel.setAttribute(AttributeKey.stringArrayKey(key), strings(value));
        } else if (value != null) {
            otel.setAttribute(key, value.toString());
        }
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof Collection)) {
            return List.of(value.toString());
        }
        List<String> strings = new ArrayList<>(((Collection<?>) value).size());
        for (Object item : (Collection<?>) value) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }
}
