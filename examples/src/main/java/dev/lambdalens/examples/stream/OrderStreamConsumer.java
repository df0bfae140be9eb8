package dev.lambdalens.examples.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A DynamoDB Streams consumer that keeps {@link CustomerTotals} in sync with the orders table: an inserted order
 * is added to its customer's totals, a removed one taken away, a modified one replaced.
 *
 * <p>A stream is ordered: when a record fails, the records after it must not be applied before it. So the
 * consumer stops at the first failure and reports its sequence number ({@code ReportBatchItemFailures} in the
 * template); Lambda retries the batch from there.
 *
 * <p>The failure to catch is a stream that stops being processed while orders keep coming: with
 * {@code eventSourceMetrics} every batch writes {@code OldestRecordAge} (how far the consumer lags) and the
 * template alarms on Lambda's {@code IteratorAge}, which grows even when every invocation fails.
 */
public class OrderStreamConsumer implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderStreamConsumer.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final CustomerTotals totals;

    public OrderStreamConsumer() {
        this(new CustomerTotals());
    }

    /** For tests that inspect the totals. */
    public OrderStreamConsumer(CustomerTotals totals) {
        this.totals = totals;
    }

    @Override
    @Logging
    @Tracing
    @FlushMetrics(captureColdStart = true, eventSourceMetrics = true)
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        int applied = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            LambdaLogging.setCorrelationId(record.getEventID());
            try {
                apply(record);
                applied++;
            } catch (RuntimeException e) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.atError().addKeyValue("sequenceNumber", sequenceNumber).setCause(e)
                        .log("stream record failed; the batch is retried from it: {}", e.getMessage());
                METRICS.addMetric("AppliedRecords", applied, MetricUnit.COUNT);
                METRICS.addMetric("FailedRecords", 1, MetricUnit.COUNT);
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
            } finally {
                LambdaLogging.setCorrelationId(null);
            }
        }
        METRICS.addMetric("AppliedRecords", applied, MetricUnit.COUNT);
        METRICS.addMetric("FailedRecords", 0, MetricUnit.COUNT);
        LOG.atInfo().addKeyValue("applied", applied).log("batch applied");
        return new StreamsEventResponse(List.of());
    }

    private void apply(DynamodbEvent.DynamodbStreamRecord record) {
        LambdaTracing.withSubsegment("## apply", subsegment -> {
            StreamRecord change = record.getDynamodb();
            if (change == null) {
                throw new IllegalArgumentException("the record has no dynamodb section");
            }
            subsegment.putAnnotation("EventName", record.getEventName());
            Map<String, AttributeValue> oldImage = change.getOldImage();
            Map<String, AttributeValue> newImage = change.getNewImage();
            switch (record.getEventName()) {
                case "INSERT" -> add(newImage, 1);
                case "MODIFY" -> {
                    add(oldImage, -1);
                    add(newImage, 1);
                }
                case "REMOVE" -> add(oldImage, -1);
                default -> throw new IllegalArgumentException("unknown event name " + record.getEventName());
            }
            LOG.atInfo().addKeyValue("eventName", record.getEventName())
                    .addKeyValue("orderId", text(newImage != null ? newImage : oldImage, "orderId"))
                    .log("customer totals updated");
            return null;
        });
    }

    private void add(Map<String, AttributeValue> image, int sign) {
        if (image == null) {
            throw new IllegalArgumentException("the record has no image; the stream must be NEW_AND_OLD_IMAGES");
        }
        String customerId = text(image, "customerId");
        AttributeValue total = image.get("totalCents");
        if (customerId == null || total == null || total.getN() == null) {
            throw new IllegalArgumentException("the order has no customerId or totalCents");
        }
        totals.apply(customerId, Long.parseLong(total.getN()), sign);
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }
}
