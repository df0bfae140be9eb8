package dev.lambdalens.testing;

import java.util.Objects;

/**
 * One event to invoke a {@link LocalLambdaRuntime} with, and how to trace it.
 *
 * <p>By default the runtime generates a fresh trace header
 * {@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=1}, sampled as the runtime is configured.
 * {@link #sampled(boolean)} overrides the sampling decision for this invocation; {@link #traceHeader(String)}
 * sends an exact header instead, malformed ones included, for tests of trace header parsers.
 *
 * <pre>{@code
 * runtime.invoke(InvocationRequest.of("{}").sampled(false));
 * runtime.invoke(InvocationRequest.of("{}").traceHeader("Root=garbage"));
 * }</pre>
 *
 * <p>Instances are immutable; each method returns a new request.
 */
public final class InvocationRequest {
    private final String event;
    private final Boolean sampled;
    private final String traceHeader;

    private InvocationRequest(String event, Boolean sampled, String traceHeader) {
        this.event = Objects.requireNonNull(event, "event");
        this.sampled = sampled;
        this.traceHeader = traceHeader;
    }

    /** A request for the given event JSON, traced as the runtime is configured. */
    public static InvocationRequest of(String eventJson) {
        return new InvocationRequest(eventJson, null, null);
    }

    /** The same request with a generated trace header whose {@code Sampled} flag is the one given. */
    public InvocationRequest sampled(boolean sampled) {
        return new InvocationRequest(event, sampled, null);
    }

    /** The same request sending exactly this {@code Lambda-Runtime-Trace-Id} value, valid or not. */
    public InvocationRequest traceHeader(String exactHeader) {
        return new InvocationRequest(event, null, Objects.requireNonNull(exactHeader, "exactHeader"));
    }

    /** The event JSON sent as the body of the {@code /invocation/next} reply. */
    public String event() {
        return event;
    }

    /** The sampling override, or null to use the runtime's setting. */
    Boolean sampledOverride() {
        return sampled;
    }

    /** The exact header to send, or null to generate one. */
    String exactTraceHeader() {
        return traceHeader;
    }
}
