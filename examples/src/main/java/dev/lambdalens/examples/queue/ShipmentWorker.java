package dev.lambdalens.examples.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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

import java.util.ArrayList;
import java.util.List;

/**
 * An SQS queue worker that books shipments. Each record is processed on its own: its log lines carry its
 * message id as {@code correlation_id}, it runs in its own subsegment, and a record that fails is reported back
 * to SQS in a partial batch failure response ({@code ReportBatchItemFailures} in the template), so that only it
 * is delivered again, and after {@code maxReceiveCount} attempts lands in the dead-letter queue.
 *
 * <p>Metrics: {@code ProcessedRecords} and {@code FailedRecords}; with {@code eventSourceMetrics}, the batch size
 * and how old the oldest and each record were when the batch started ({@code OldestRecordAge}, {@code RecordAge}).
 */
public class ShipmentWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ShipmentWorker.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final Shipments shipments;

    public ShipmentWorker() {
        this(new Shipments());
    }

    /** For tests that inspect the shipments. */
    public ShipmentWorker(Shipments shipments) {
        this.shipments = shipments;
    }

    @Override
    @Logging
    @Tracing
    @FlushMetrics(captureColdStart = true, eventSourceMetrics = true)
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            LambdaLogging.setCorrelationId(message.getMessageId());
            try {
                process(message);
            } catch (RuntimeException e) {
                // The record goes back to the queue; the others of the batch are done and are not retried.
                LOG.error("message failed and will be retried: {}", e.getMessage(), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        LambdaLogging.setCorrelationId(null);
        METRICS.addMetric("ProcessedRecords", messages.size() - failures.size(), MetricUnit.COUNT);
        METRICS.addMetric("FailedRecords", failures.size(), MetricUnit.COUNT);
        LOG.atInfo().addKeyValue("processed", messages.size() - failures.size())
                .addKeyValue("failed", failures.size()).log("batch done");
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void process(SQSEvent.SQSMessage message) {
        LambdaTracing.withSubsegment("## message", subsegment -> {
            subsegment.putAnnotation("MessageId", message.getMessageId());
            ShipmentRequest request = ShipmentRequest.parse(message.getBody());
            subsegment.putAnnotation("OrderId", request.orderId());
            boolean booked = shipments.book(request);
            LOG.atInfo().addKeyValue("orderId", request.orderId()).log(booked
                    ? "shipment booked" : "shipment was already booked (a message delivered twice)");
            return booked;
        });
    }
}
