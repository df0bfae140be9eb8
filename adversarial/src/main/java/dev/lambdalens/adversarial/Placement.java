package dev.lambdalens.adversarial;

/**
 * Where a case puts its secret: everywhere a user's code or a caller's request might carry one into what Lambda
 * Lens writes (log lines, X-Ray documents, EMF documents).
 */
public enum Placement {
    /** In the JSON text of an API Gateway request's {@code body}, logged with {@code logEvent}. */
    EVENT_BODY_JSON(true),
    /** As a request header, logged with {@code logEvent}. */
    EVENT_HEADER(true),
    /** As a query string parameter, logged with {@code logEvent}. */
    EVENT_QUERY(true),
    /** {@code name=value} in the message text. */
    MESSAGE_PAIR(false),
    /** The bare value in the message text (only for secrets recognisable by value). */
    MESSAGE_BARE(false),
    /** A {@code {}} argument that is a map: its {@code toString()} goes into the message. */
    ARGUMENT_MAP(false),
    /** A structured argument {@code kv(name, value)}. */
    STRUCTURED_ARGUMENT(false),
    /** {@code LambdaLogging.appendKey(name, value)}: every later line carries it. */
    APPENDED_KEY(false),
    /** {@code MDC.put(name, value)}. */
    MDC(false),
    /** The message of an exception logged with {@code log.error(message, e)}. */
    EXCEPTION_MESSAGE(false),
    /** The message of an exception's cause. */
    EXCEPTION_CAUSE(false),
    /** {@code LambdaTracing.putMetadata(name, value)}. */
    TRACE_METADATA(false),
    /** {@code LambdaTracing.putMetadata("request", Map.of(name, value))}. */
    TRACE_METADATA_OBJECT(false),
    /** A response header, captured by {@code @Tracing} into the handler subsegment. */
    RESPONSE_HEADER(false),
    /** A JSON response body, captured by {@code @Tracing} into the handler subsegment. */
    RESPONSE_BODY(false),
    /** {@code metrics.addMetadata(name, value)}: EMF metadata. */
    EMF_METADATA(false),
    /** {@code name=value} in the message of an exception the handler throws. */
    UNCAUGHT_EXCEPTION(false);

    private final boolean inEvent;

    Placement(boolean inEvent) {
        this.inEvent = inEvent;
    }

    /** Whether the secret travels in the event itself rather than being placed by the handler. */
    public boolean inEvent() {
        return inEvent;
    }

    /** Whether this placement can carry {@code secret} at all. */
    public boolean accepts(Secret secret) {
        if (this == MESSAGE_BARE) {
            return secret.recognisableByValue();
        }
        if (this == EVENT_HEADER || this == RESPONSE_HEADER || this == EVENT_QUERY) {
            // A PEM block spans lines: no HTTP header or query parameter carries one.
            return secret != Secret.PEM_PRIVATE_KEY;
        }
        return true;
    }
}
