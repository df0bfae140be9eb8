package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lambdalens.benchmarks.workload.SampleEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Time and allocation of one warm invocation of the benchmark handler, per variant. The runner forks this on
 * the class path of the variant's module only (see {@link Variant.Group}), with the JVM options of Lambda's
 * Java runtimes and the environment of {@link BenchmarkEnvironment}; run it with JMH's {@code -prof gc} for the
 * allocated bytes per invocation.
 *
 * <p>What the runtime client does per invocation is reproduced: a new context with a new request id, the trace
 * header in the system property {@code com.amazonaws.xray.traceHeader}. Standard output is a
 * {@link CapturingSink} and X-Ray datagrams go to a bound UDP socket, the same sinks for every variant. After the
 * measurement, one more invocation is captured and checked: a variant that does not emit what it claims fails
 * the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx435m"})
public class InvocationBenchmark {
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final int CONTEXTS = 1024;

    /** A {@link Variant#id()}. */
    @Param("baseline")
    public String variant;

    private Variant selected;
    private RequestHandler<APIGatewayProxyRequestEvent, Object> handler;
    private APIGatewayProxyRequestEvent event;
    private BenchmarkContext[] contexts;
    private int next;
    private String traceRoot;
    private CapturingSink sink;
    private DatagramSocket daemon;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        selected = Variant.byId(variant);
        // Sinks first: logging back ends may capture System.out when they initialise.
        sink = new CapturingSink();
        System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
        daemon = bindDaemon(System.getenv("AWS_XRAY_DAEMON_ADDRESS"));

        Random random = new Random(42);
        traceRoot = "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex(random, 12);
        String traceHeader = "Root=" + traceRoot + ";Parent=" + hex(random, 8) + ";Sampled=1";
        System.setProperty(TRACE_HEADER_PROPERTY, traceHeader);
        contexts = new BenchmarkContext[CONTEXTS];
        for (int i = 0; i < CONTEXTS; i++) {
            contexts[i] = new BenchmarkContext(new UUID(random.nextLong(), random.nextLong()).toString(), traceHeader);
        }

        // The runtime client's own serializer, as in Lambda.
        event = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                InvocationBenchmark.class.getClassLoader()).fromJson(SampleEvent.json());
        handler = (RequestHandler<APIGatewayProxyRequestEvent, Object>) Class.forName(selected.handlerClass())
                .getDeclaredConstructor().newInstance();
    }

    @Benchmark
    public Object invoke() {
        BenchmarkContext context = contexts[next++ & (CONTEXTS - 1)];
        return handler.handleRequest(event, context);
    }

    @TearDown(Level.Trial)
    public void checkEmissions() throws IOException {
        try {
            drain(daemon);
            sink.startCapture();
            Object response = invoke();
            List<String> lines = sink.stopCapture();
            List<String> datagrams = selected.emissions().stream().anyMatch(Emission::inDatagram) ? receive(daemon) : List.of();
            List<String> missing = new ArrayList<>();
            if (response == null) {
                missing.add("a response");
            }
            for (Emission emission : selected.emissions()) {
                if (!emission.foundIn(emission.inDatagram() ? datagrams : lines, traceRoot)) {
                    missing.add(emission.description());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Variant " + variant + " did not emit " + missing
                        + " in one invocation; stdout was " + lines + ", datagrams " + datagrams);
            }
            System.err.println("[emission check] " + variant + ": " + selected.emissions() + " present, "
                    + sink.bytes() + " bytes written to stdout in the trial");
        } finally {
            daemon.close();
        }
    }

    private static DatagramSocket bindDaemon(String address) throws IOException {
        if (address == null) {
            throw new IllegalStateException("AWS_XRAY_DAEMON_ADDRESS is not set; run through BenchmarkSuite");
        }
        int colon = address.lastIndexOf(':');
        return new DatagramSocket(Integer.parseInt(address.substring(colon + 1)),
                InetAddress.getByName(address.substring(0, colon)));
    }

    /** Drops what the measurement sent (the socket is not read while measuring; the kernel drops the rest). */
    private static void drain(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(20);
        byte[] buffer = new byte[65_536];
        try {
            while (true) {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            }
        } catch (SocketTimeoutException drained) {
            // Nothing left.
        }
    }

    private static List<String> receive(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(1_000);
        byte[] buffer = new byte[65_536];
        List<String> datagrams = new ArrayList<>();
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                datagrams.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                socket.setSoTimeout(200);
            }
        } catch (SocketTimeoutException done) {
            return datagrams;
        }
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
