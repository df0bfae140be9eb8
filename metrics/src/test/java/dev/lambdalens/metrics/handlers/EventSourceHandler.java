package dev.lambdalens.metrics.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lambdalens.metrics.FlushMetrics;

/** One method per event source, each deserialized by the real runtime client into its aws-lambda-java-events type. */
public final class EventSourceHandler {

    @FlushMetrics(namespace = "LensEvents", service = "events", eventSourceMetrics = true)
    public String sqs(SQSEvent event, Context context) {
        return "sqs " + event.getRecords().size();
    }

    @FlushMetrics(namespace = "LensEvents", service = "events", eventSourceMetrics = true)
    public String kinesis(KinesisEvent event, Context context) {
        return "kinesis " + event.getRecords().size();
    }

    @FlushMetrics(namespace = "LensEvents", service = "events", eventSourceMetrics = true)
    public String dynamodb(DynamodbEvent event, Context context) {
        return "dynamodb " + event.getRecords().size();
    }

    @FlushMetrics(namespace = "LensEvents", service = "events", eventSourceMetrics = true)
    public String sns(SNSEvent event, Context context) {
        return "sns " + event.getRecords().size();
    }
}
