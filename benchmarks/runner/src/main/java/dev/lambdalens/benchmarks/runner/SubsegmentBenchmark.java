package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;
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

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One subsegment started, ended, rendered and sent: an invocation through {@code ObservedHandler} (no tracing
 * interceptor, so no handler subsegment) whose handler runs {@code LambdaTracing.withSubsegment}; the
 * subsegment has no open parent in the function, so its end renders it and sends it as one UDP datagram to the
 * daemon address, a bound local socket nobody reads while measuring (the kernel drops what does not fit its
 * buffer; the send is paid either way). Subtract {@link MetricFlushBenchmark#emptyInvocation()} for the
 * subsegment alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx435m"})
public class SubsegmentBenchmark {
    private static final Supplier<String> WORK = () -> Emission.ORDER_ID;

    private final HotPathInvocations invocations = new HotPathInvocations();
    private DatagramSocket daemon;
    private RequestHandler<Object, String> traced;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String address = System.getenv("AWS_XRAY_DAEMON_ADDRESS");
        if (address == null) {
            throw new IllegalStateException("AWS_XRAY_DAEMON_ADDRESS is not set; run through BenchmarkSuite");
        }
        int colon = address.lastIndexOf(':');
        daemon = new DatagramSocket(Integer.parseInt(address.substring(colon + 1)),
                InetAddress.getByName(address.substring(0, colon)));
        invocations.setTraceHeaderProperty();
        LensRuntime runtime = LensRuntime.builder().build();
        traced = ObservedHandler.wrap((Object event, Context context) -> LambdaTracing.withSubsegment("## loadOrder", WORK))
                .runtime(runtime).build();
    }

    @Benchmark
    public Object subsegmentSent() {
        return traced.handleRequest(null, invocations.next());
    }

    /** One more subsegment after measuring: exactly that one datagram arrives, with the trace id and the name. */
    @TearDown(Level.Trial)
    public void checkDatagram() throws IOException {
        try {
            byte[] buffer = new byte[65_536];
            daemon.setSoTimeout(20);
            try {
                while (true) {
                    daemon.receive(new DatagramPacket(buffer, buffer.length));
                }
            } catch (SocketTimeoutException drained) {
                // What the measurement sent and the kernel kept is gone.
            }
            subsegmentSent();
            daemon.setSoTimeout(1_000);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            daemon.receive(packet);
            String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (!datagram.contains("\"trace_id\":\"" + invocations.traceRoot() + "\"")
                    || !datagram.contains("\"name\":\"## loadOrder\"")) {
                throw new IllegalStateException("Hot path subsegmentSent sent an unexpected datagram: " + datagram);
            }
            System.err.println("[hot path check] subsegmentSent: one datagram of " + packet.getLength() + " bytes");
        } finally {
            daemon.close();
        }
    }
}
