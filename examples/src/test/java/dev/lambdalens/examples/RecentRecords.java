package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A sample SQS or DynamoDB Streams event with its record times moved so that its newest record was written a
 * second ago, keeping the gaps between records: the record age metrics of a local run then read like a live
 * queue's instead of the sample's age.
 */
final class RecentRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecentRecords() {
    }

    static String of(String eventJson) {
        try {
            JsonNode event = JSON.readTree(eventJson);
            long newestMillis = Long.MIN_VALUE;
            for (JsonNode record : event.path("Records")) {
                newestMillis = Math.max(newestMillis, millis(record));
            }
            if (newestMillis == Long.MIN_VALUE) {
                return eventJson;
            }
            long shiftMillis = System.currentTimeMillis() - 1_000 - newestMillis;
            for (JsonNode record : event.path("Records")) {
                shift(record, shiftMillis);
            }
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(JsonNode record) {
        if (record.path("attributes").has("SentTimestamp")) {
            return record.path("attributes").path("SentTimestamp").asLong();
        }
        if (record.path("dynamodb").has("ApproximateCreationDateTime")) {
            return record.path("dynamodb").path("ApproximateCreationDateTime").asLong() * 1000;
        }
        return Long.MIN_VALUE;
    }

    private static void shift(JsonNode record, long shiftMillis) {
        if (record.path("attributes") instanceof ObjectNode attributes) {
            for (String name : new String[] {"SentTimestamp", "ApproximateFirstReceiveTimestamp"}) {
                if (attributes.has(name)) {
                    attributes.put(name, Long.toString(attributes.path(name).asLong() + shiftMillis));
                }
            }
        }
        if (record.path("dynamodb") instanceof ObjectNode change && change.has("ApproximateCreationDateTime")) {
            change.put("ApproximateCreationDateTime",
                    change.path("ApproximateCreationDateTime").asLong() + shiftMillis / 1000);
        }
    }
}
