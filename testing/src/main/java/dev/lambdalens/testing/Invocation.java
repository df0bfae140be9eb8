package dev.lambdalens.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of one invocation run by {@link LocalLambdaRuntime}: what was sent to the function, how it ended,
 * and what it wrote.
 *
 * <p>{@link #stdout()} and {@link #stderr()} hold the lines the function's process wrote between the moment the
 * invocation was handed out by {@code /invocation/next} and the moment its response or error arrived (or the
 * process was killed or exited). When several invocations run at once in one process
 * ({@link LocalLambdaRuntime.Builder#maxConcurrency(int)} above 1), these are the lines written while this one
 * ran, which may include lines of the others: filter them by request id.
 *
 * <p>Messages logged through {@code Context.getLogger()} reach stdout without a line break of their own: in
 * Lambda the runtime client frames each one on a telemetry pipe, but outside Lambda it writes the bare text, so
 * two such messages with no line break of their own end up on one line here.
 *
 * <p>Instances are immutable. Tests get them from the runtime; the constructor is public for the runtime's
 * internals and for tests of code that consumes results.
 */
public final class Invocation {
    private final String requestId;
    private final String traceHeader;
    private final InvocationStatus status;
    private final String response;
    private final FunctionError error;
    private final Duration duration;
    private final List<String> stdout;
    private final List<String> stderr;
    private final Integer exitCode;

    /**
     * @param requestId the request id sent in {@code Lambda-Runtime-Aws-Request-Id}
     * @param traceHeader the exact value sent in {@code Lambda-Runtime-Trace-Id}
     * @param status how the invocation ended
     * @param response the response body, or null when the function did not respond
     * @param error the error, or null when the status is {@link InvocationStatus#SUCCESS}
     * @param duration from hand-out to response, error, kill or exit
     * @param stdout lines written to standard output while the invocation ran
     * @param stderr lines written to standard error while the invocation ran
     * @param exitCode the child's exit code when it exited during the invocation, else null
     */
    public Invocation(String requestId, String traceHeader, InvocationStatus status, String response,
                      FunctionError error, Duration duration, List<String> stdout, List<String> stderr,
                      Integer exitCode) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.traceHeader = Objects.requireNonNull(traceHeader, "traceHeader");
        this.status = Objects.requireNonNull(status, "status");
        this.response = response;
        this.error = error;
        this.duration = Objects.requireNonNull(duration, "duration");
        this.stdout = List.copyOf(stdout);
        this.stderr = List.copyOf(stderr);
        this.exitCode = exitCode;
    }

    /** The request id sent to the function ({@code Context.getAwsRequestId()}). */
    public String requestId() {
        return requestId;
    }

    /** The exact trace header sent in {@code Lambda-Runtime-Trace-Id}, possibly one a test made malformed. */
    public String traceHeader() {
        return traceHeader;
    }

    /** The {@code Root} of the trace header, e.g. {@code 1-5759e988-bd862e3fe1be46a994272793}, if it has one. */
    public Optional<String> traceRoot() {
        return traceHeaderField("Root");
    }

    /** The {@code Parent} of the trace header (16 hex digits), if it has one. */
    public Optional<String> traceParent() {
        return traceHeaderField("Parent");
    }

    /** How the invocation ended. */
    public InvocationStatus status() {
        return status;
    }

    /** True when the status is {@link InvocationStatus#SUCCESS}. */
    public boolean succeeded() {
        return status == InvocationStatus.SUCCESS;
    }

    /** The response body the function returned, empty unless it succeeded. */
    public Optional<String> response() {
        return Optional.ofNullable(response);
    }

    /** The error reported, empty when the invocation succeeded. */
    public Optional<FunctionError> error() {
        return Optional.ofNullable(error);
    }

    /** Time from hand-out by {@code /invocation/next} to the response, error, kill or exit. */
    public Duration duration() {
        return duration;
    }

    /** Lines written to standard output while this invocation ran (see the class comment). */
    public List<String> stdout() {
        return stdout;
    }

    /** Lines written to standard error while this invocation ran (see the class comment). */
    public List<String> stderr() {
        return stderr;
    }

    /** The exit code of the child JVM when it exited during this invocation ({@link InvocationStatus#CRASH}). */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    private Optional<String> traceHeaderField(String name) {
        for (String part : traceHeader.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equals(name)) {
                return Optional.of(part.substring(equals + 1).trim());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Invocation{requestId=" + requestId + ", status=" + status + ", traceHeader=" + traceHeader
                + ", response=" + response + ", error=" + error + ", duration=" + duration.toMillis() + "ms"
                + (exitCode == null ? "" : ", exitCode=" + exitCode) + ", stdout=" + stdout.size() + " lines"
                + ", stderr=" + stderr.size() + " lines}";
    }
}
