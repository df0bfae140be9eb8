package dev.lambdalens.benchmarks.runner;

import java.util.List;

/**
 * What a variant emits per invocation, and how to recognise it, so that no variant looks fast by doing
 * nothing. The checks are plain string tests on purpose: they also run inside JMH forks, whose class path holds
 * only the variant's own libraries.
 */
public enum Emission {
    /** The key-value log line: a JSON object with the message, the pair and the X-Ray trace id. */
    LOG("JSON log line") {
        @Override
        boolean matches(String line, String traceRoot) {
            return line.startsWith("{") && line.contains("Loaded order") && line.contains("\"orderId\"")
                    && line.contains(ORDER_ID) && line.contains(traceRoot);
        }
    },
    /** The logged event: a JSON line of this invocation's trace carrying the sample event's request id. */
    EVENT_LOG("logged event") {
        @Override
        boolean matches(String line, String traceRoot) {
            return line.startsWith("{") && line.contains(EVENT_REQUEST_ID) && line.contains(traceRoot);
        }
    },
    /** One EMF document with both metrics and the dimension. */
    EMF("EMF document") {
        @Override
        boolean matches(String line, String traceRoot) {
            return line.startsWith("{") && line.contains("\"_aws\"") && line.contains("\"CloudWatchMetrics\"")
                    && line.contains("\"OrdersServed\"") && line.contains("\"OrderItems\"")
                    && line.contains("\"Currency\"");
        }
    },
    /** An X-Ray datagram with the nested {@code loadOrder} subsegment of this invocation's trace. */
    XRAY("X-Ray datagram") {
        @Override
        boolean matches(String datagram, String traceRoot) {
            return datagram.startsWith("{\"format\"") && datagram.contains("loadOrder")
                    && datagram.contains(traceRoot);
        }
    },
    /** The DynamoDB call as a subsegment of this invocation's trace, with its operation. */
    AWS_CALL("DynamoDB call subsegment") {
        @Override
        boolean matches(String datagram, String traceRoot) {
            return datagram.startsWith("{\"format\"") && datagram.contains("\"DynamoDb\"")
                    && datagram.contains("GetItem") && datagram.contains(traceRoot);
        }
    };

    /** The order id in the sample event. */
    public static final String ORDER_ID = "ord-7f3a9c21";
    /** {@code requestContext.requestId} of the sample event: only a line that logs the event carries it. */
    public static final String EVENT_REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";

    private final String description;

    Emission(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    abstract boolean matches(String lineOrDatagram, String traceRoot);

    /** Whether it is looked for in the X-Ray datagrams rather than on standard output. */
    boolean inDatagram() {
        return this == XRAY || this == AWS_CALL;
    }

    /** True if one of {@code candidates} (stdout lines, or X-Ray datagrams for {@link #XRAY} and {@link #AWS_CALL}) matches. */
    public boolean foundIn(List<String> candidates, String traceRoot) {
        for (String candidate : candidates) {
            if (matches(candidate, traceRoot)) {
                return true;
            }
        }
        return false;
    }
}
