package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.benchmarks.workload.SampleEvent;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.logging.internal.PayloadArgument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * One log line through Lambda Lens's real Logback appender and encoder (the configuration the library sets up
 * when the function has none), inside an invocation, to standard output replaced by a {@link CapturingSink}
 * that only counts bytes. Four kinds of line: a plain message, one with two key-values, one with secrets to
 * mask, and the 2.4 KB API Gateway event logged as {@code logEvent = true} logs it.
 *
 * <p>It uses only SLF4J, logstash's {@code kv}, {@code LensRuntime.global().enter} and the logging module's
 * {@code PayloadArgument}, all of which the release before masking (commit {@code 2d09c81}) has with the same
 * signatures: {@link HotPathRunner} runs this same class on that release's core and logging jars to measure
 * what masking costs per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx435m"})
public class LogLineBenchmark {
    /** A Luhn-valid test card number and a password: the secret line must not show either (current code). */
    static final String CARD = "4111111111111111";
    static final String PASSWORD = "correct-horse-battery-staple";

    private Logger log;
    private APIGatewayProxyRequestEvent event;
    private CapturingSink sink;
    private InvocationScope.Activation invocation;
    private final HotPathInvocations invocations = new HotPathInvocations();

    private Object eventArgument;

    @Setup(Level.Trial)
    public void setUp() {
        // Before Logback starts: the appender writes to whatever System.out is at each line.
        sink = new CapturingSink();
        System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
        invocations.setTraceHeaderProperty();
        log = LoggerFactory.getLogger(LogLineBenchmark.class);
        event = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                LogLineBenchmark.class.getClassLoader()).fromJson(SampleEvent.json());
        eventArgument = payloadArgument(event);
    }

    /**
     * The argument the logging interceptor logs the event with, made once (it is immutable): its constructor
     * gained a {@code Diagnostics} after {@code 2d09c81}, so the one the class path has is used.
     */
    private static Object payloadArgument(Object event) {
        try {
            for (java.lang.reflect.Constructor<?> constructor : PayloadArgument.class.getConstructors()) {
                Class<?>[] types = constructor.getParameterTypes();
                if (types.length == 2) {
                    return constructor.newInstance("event", event);
                }
                if (types.length == 3) {
                    return constructor.newInstance("event", event, LensRuntime.global().diagnostics());
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the event argument", e);
        }
        throw new IllegalStateException("PayloadArgument has no known constructor");
    }

    /**
     * One invocation per iteration, opened and closed on the measuring thread (JMH runs iteration-level set-up
     * of a thread-scoped state there), so that each line carries the request and trace ids as in a function.
     */
    @Setup(Level.Iteration)
    public void enterInvocation() {
        invocation = LensRuntime.global().enter(invocations.next());
    }

    @TearDown(Level.Iteration)
    public void leaveInvocation() {
        invocation.close();
    }

    @Benchmark
    public void plainLine() {
        log.info("Order served");
    }

    @Benchmark
    public void lineWithTwoKeyValues() {
        log.info("Loaded order", kv("orderId", Emission.ORDER_ID), kv("items", 3));
    }

    /** A card number in the message text (a value detector's job) and a password key-value (a name's). */
    @Benchmark
    public void lineWithSecret() {
        log.info("Charging card {}", CARD, kv("password", PASSWORD));
    }

    /** What the logging interceptor writes for {@code logEvent = true}. */
    @Benchmark
    public void eventLine() {
        log.info("Handler Event", eventArgument);
    }

    /**
     * Writes one more line of the measured kind and checks it: one JSON line with its message and the
     * invocation's request id, and for the secret line on a release that masks values, neither secret.
     */
    @TearDown(Level.Trial)
    public void checkLine(BenchmarkParams params) throws IOException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        List<String> lines;
        String requestId;
        try (InvocationScope.Activation checked = LensRuntime.global().enter(invocations.next())) {
            requestId = checked.scope().requestId();
            sink.startCapture();
            switch (method) {
                case "plainLine" -> plainLine();
                case "lineWithTwoKeyValues" -> lineWithTwoKeyValues();
                case "lineWithSecret" -> lineWithSecret();
                case "eventLine" -> eventLine();
                default -> throw new IllegalStateException("No check for " + method);
            }
            lines = sink.stopCapture();
        }
        List<String> problems = new ArrayList<>();
        if (lines.size() != 1) {
            problems.add("wrote " + lines.size() + " lines instead of 1");
        } else {
            JsonNode line = new ObjectMapper().readTree(lines.get(0));
            if (!line.path("message").isTextual()) {
                problems.add("has no message");
            }
            if (!lines.get(0).contains(requestId)) {
                problems.add("does not carry the request id " + requestId);
            }
            if (method.equals("eventLine") && !line.path("event").path("path").isTextual()) {
                problems.add("does not hold the event");
            }
            if (method.equals("lineWithSecret") && masksValues()
                    && (lines.get(0).contains(CARD) || lines.get(0).contains(PASSWORD))) {
                problems.add("shows a secret");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Hot path " + method + ": the line " + problems + ": " + lines);
        }
        System.err.println("[hot path check] " + method + ": one JSON line of " + lines.get(0).length()
                + " characters" + (masksValues() ? "" : " (release without value masking)"));
    }

    /** Whether the core on the class path has the masking policy (added after the release {@code 2d09c81}). */
    private static boolean masksValues() {
        try {
            Class.forName("dev.lambdalens.core.spi.MaskingPolicy", false, LogLineBenchmark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
