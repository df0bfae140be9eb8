package dev.lambdalens.metrics.internal;

/**
 * Event-source signals behind one switch: the batch size and record ages of SQS, Kinesis, DynamoDB Streams and
 * SNS events. aws-lambda-java-events is an optional dependency, so the classes that name its types are only
 * loaded once it is known to be on the class path.
 */
public final class EventSources {
    private EventSources() {
    }

    /**
     * Writes the event-source document for {@code event} if it is one of the supported types. Never throws.
     *
     * @param startMillis the start of the invocation, from which the age of each record is measured
     */
    public static void record(Object event, MetricsBuffer buffer, long startMillis) {
        if (!Availability.EVENTS_ON_CLASS_PATH) {
            buffer.diagnostics().reportOnce("metrics:event-source:unavailable",
                    "event-source metrics are switched on but com.amazonaws:aws-lambda-java-events is not on the "
                            + "class path; add it to get them");
            return;
        }
        try {
            EventSourceReader.read(event, buffer, startMillis);
        } catch (RuntimeException | LinkageError e) {
            buffer.diagnostics().reportOnce("metrics:event-source:" + event.getClass().getName(),
                    "could not read event-source metrics from a " + event.getClass().getName()
                            + "; the handler and its other metrics go on", e);
        }
    }

    /** Looked up once, when the switch is first used, not at class loading of the module. */
    private static final class Availability {
        static final boolean EVENTS_ON_CLASS_PATH = present("com.amazonaws.services.lambda.runtime.events.SQSEvent");

        private static boolean present(String className) {
            try {
                Class.forName(className, false, EventSources.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
