package dev.lambdalens.metrics.internal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lambdalens.metrics.model.MetricResolution;
import dev.lambdalens.metrics.model.MetricUnit;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reads batch size and record ages from the aws-lambda-java-events types with plain {@code instanceof} checks
 * and getters (no reflection). Loaded only when those types are on the class path (see {@link EventSources}).
 *
 * <p>Each supported event gives one document with dimension {@code EventSource} ({@code aws:sqs},
 * {@code aws:kinesis}, {@code aws:dynamodb}, {@code aws:sns}): {@code BatchSize} (Count), and, for records that
 * carry a time, {@code OldestRecordAge} and {@code RecordAge} (one value per record), in Milliseconds, measured
 * from the start of the invocation. The record times: SQS {@code SentTimestamp} (else
 * {@code ApproximateFirstReceiveTimestamp}), Kinesis {@code approximateArrivalTimestamp}, DynamoDB Streams
 * {@code ApproximateCreationDateTime}, SNS {@code Timestamp}.
 */
final class EventSourceReader {
    static final String BATCH_SIZE = "BatchSize";
    static final String OLDEST_RECORD_AGE = "OldestRecordAge";
    static final String RECORD_AGE = "RecordAge";

    private EventSourceReader() {
    }

    static void read(Object event, MetricsBuffer buffer, long startMillis) {
        if (event instanceof SQSEvent) {
            List<SQSEvent.SQSMessage> records = ((SQSEvent) event).getRecords();
            Ages ages = new Ages(startMillis, size(records));
            if (records != null) {
                for (SQSEvent.SQSMessage message : records) {
                    Map<String, String> attributes = message == null ? null : message.getAttributes();
                    if (attributes != null) {
                        String sent = attributes.get("SentTimestamp");
                        ages.add(parseMillis(sent != null ? sent : attributes.get("ApproximateFirstReceiveTimestamp")));
                    }
                }
            }
            ages.write(buffer, "aws:sqs");
        } else if (event instanceof KinesisEvent) {
            List<KinesisEvent.KinesisEventRecord> records = ((KinesisEvent) event).getRecords();
            Ages ages = new Ages(startMillis, size(records));
            if (records != null) {
                for (KinesisEvent.KinesisEventRecord record : records) {
                    if (record != null && record.getKinesis() != null) {
                        ages.add(millis(record.getKinesis().getApproximateArrivalTimestamp()));
                    }
                }
            }
            ages.write(buffer, "aws:kinesis");
        } else if (event instanceof DynamodbEvent) {
            List<DynamodbEvent.DynamodbStreamRecord> records = ((DynamodbEvent) event).getRecords();
            Ages ages = new Ages(startMillis, size(records));
            if (records != null) {
                for (DynamodbEvent.DynamodbStreamRecord record : records) {
                    if (record != null && record.getDynamodb() != null) {
                        ages.add(millis(record.getDynamodb().getApproximateCreationDateTime()));
                    }
                }
            }
            ages.write(buffer, "aws:dynamodb");
        } else if (event instanceof SNSEvent) {
            List<SNSEvent.SNSRecord> records = ((SNSEvent) event).getRecords();
            Ages ages = new Ages(startMillis, size(records));
            if (records != null) {
                for (SNSEvent.SNSRecord record : records) {
                    if (record != null && record.getSNS() != null && record.getSNS().getTimestamp() != null) {
                        // A Joda-Time DateTime: the one event type that does not use java.util.Date.
                        ages.add(record.getSNS().getTimestamp().getMillis());
                    }
                }
            }
            ages.write(buffer, "aws:sns");
        }
    }

    private static int size(List<?> records) {
        return records == null ? 0 : records.size();
    }

    private static long millis(Date date) {
        return date == null ? Long.MIN_VALUE : date.getTime();
    }

    private static long parseMillis(String text) {
        if (text == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The batch size and the age of each record that has a time. */
    private static final class Ages {
        private final long startMillis;
        private final int batchSize;
        private final MetricSeries ages = new MetricSeries(RECORD_AGE, MetricUnit.MILLISECONDS,
                MetricResolution.STANDARD);
        private long oldest = -1;

        Ages(long startMillis, int batchSize) {
            this.startMillis = startMillis;
            this.batchSize = batchSize;
        }

        void add(long recordMillis) {
            if (recordMillis == Long.MIN_VALUE) {
                return;
            }
            // A record stamped after the start (clock skew between services) is zero, not negative, old.
            long age = Math.max(0, startMillis - recordMillis);
            ages.add(age);
            oldest = Math.max(oldest, age);
        }

        void write(MetricsBuffer buffer, String eventSource) {
            MetricSeries size = new MetricSeries(BATCH_SIZE, MetricUnit.COUNT, MetricResolution.STANDARD);
            size.add(batchSize);
            if (oldest < 0) {
                buffer.standalone().writeEventSource(eventSource, List.of(size));
                return;
            }
            MetricSeries oldestAge = new MetricSeries(OLDEST_RECORD_AGE, MetricUnit.MILLISECONDS,
                    MetricResolution.STANDARD);
            oldestAge.add(oldest);
            buffer.standalone().writeEventSource(eventSource, List.of(size, oldestAge, ages));
        }
    }
}
