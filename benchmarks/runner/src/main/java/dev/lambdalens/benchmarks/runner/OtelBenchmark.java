package dev.lambdalens.benchmarks.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.LambdaTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Issue 13's OpenTelemetry budget: what Lambda Lens's tracing costs per invocation on its OpenTelemetry backend,
 * a handler span with one nested span, against the OpenTelemetry SDK alone making the same two spans by hand.
 * Every method runs in its own fork with the same SDK: an {@code SdkTracerProvider} with a
 * {@code SimpleSpanProcessor} over an exporter that counts and discards, registered as {@code GlobalOpenTelemetry}
 * once per fork, before Lambda Lens reads its tracing settings ({@code auto}: OpenTelemetry, since an SDK is
 * registered).
 *
 * <ul>
 *   <li>{@link #lensAnnotated()}: the lens-handlers module's {@code LensTwoSpansHandler}, {@code @Tracing} on the
 *       handler and on a nested method, woven by ajc;</li>
 *   <li>{@link #lensPlain()}: {@code ObservedHandler} with Lens's {@code TracingInterceptor}, the handler running
 *       {@code LambdaTracing.withSubsegment};</li>
 *   <li>{@link #sdkByHand()}: the same handler span (parent: the invocation's X-Ray trace header, parsed from the
 *       context; the {@code ColdStart} and {@code Service} annotations, {@code aws.xray.annotations} and the
 *       response as JSON under {@code orders.handleRequest response}, as Lens sets them) and nested span, each
 *       current while it runs, with the SDK's {@code Tracer}.</li>
 * </ul>
 *
 * After measuring, one more invocation's exported spans are checked: two, named as above, the nested one a child
 * of the handler span, in the trace of the invocation's header, the handler span with the annotations.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx435m"})
public class OtelBenchmark {
    static final String HANDLER_SPAN = "## handleRequest";
    static final String NESTED_SPAN = "## loadOrder";
    private static final String ANNOTATED_HANDLER = "dev.lambdalens.benchmarks.lens.LensTwoSpansHandler";
    private static final Supplier<String> WORK = () -> Emission.ORDER_ID;
    private static final AttributeKey<Boolean> COLD_START = AttributeKey.booleanKey("ColdStart");
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("Service");
    private static final AttributeKey<List<String>> ANNOTATIONS = AttributeKey.stringArrayKey("aws.xray.annotations");
    private static final List<String> ANNOTATION_NAMES = List.of("ColdStart", "Service");
    private static final AttributeKey<String> RESPONSE =
            AttributeKey.stringKey(BenchmarkEnvironment.SERVICE + ".handleRequest response");

    private final HotPathInvocations invocations = new HotPathInvocations();
    private RequestHandler<Object, String> lensAnnotated;
    private RequestHandler<Object, String> lensPlain;
    private RequestHandler<Object, String> sdkByHand;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws ReflectiveOperationException {
        Sdk.register();
        invocations.setTraceHeaderProperty();
        // The woven handler lives in lens-handlers (woven there by ajc); this runner compiles against neither.
        lensAnnotated = (RequestHandler<Object, String>) Class.forName(ANNOTATED_HANDLER)
                .getDeclaredConstructor().newInstance();
        LensRuntime runtime = LensRuntime.builder().build();
        lensPlain = ObservedHandler.wrap((Object event, Context context) -> LambdaTracing.withSubsegment(NESTED_SPAN, WORK))
                .with(LambdaTracing.builder().runtime(runtime).build())
                .runtime(runtime).build();
        sdkByHand = new ByHand(Sdk.tracer());
    }

    @Benchmark
    public Object lensAnnotated() {
        return lensAnnotated.handleRequest(null, invocations.next());
    }

    @Benchmark
    public Object lensPlain() {
        return lensPlain.handleRequest(null, invocations.next());
    }

    @Benchmark
    public Object sdkByHand() {
        return sdkByHand.handleRequest(null, invocations.next());
    }

    @TearDown(Level.Trial)
    public void checkSpans(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Sdk.EXPORTER.startCapture();
        switch (method) {
            case "lensAnnotated" -> lensAnnotated();
            case "lensPlain" -> lensPlain();
            case "sdkByHand" -> sdkByHand();
            default -> throw new IllegalStateException("unknown benchmark " + method);
        }
        List<SpanData> spans = Sdk.EXPORTER.stopCapture();
        String problem = problem(spans);
        if (problem != null) {
            throw new IllegalStateException("OtelBenchmark." + method + ": " + problem + " in " + spans);
        }
        System.err.println("[hot path check] " + method + ": two spans exported, " + NESTED_SPAN + " a child of "
                + HANDLER_SPAN + " in trace " + spans.get(0).getTraceId() + ", " + Sdk.EXPORTER.count()
                + " spans in the trial");
    }

    private String problem(List<SpanData> spans) {
        if (spans.size() != 2) {
            return spans.size() + " spans exported instead of 2 (is Lens on the OpenTelemetry backend?)";
        }
        SpanData nested = spans.get(0);
        SpanData handler = spans.get(1);
        String root = invocations.traceRoot();
        String traceId = root.substring(2, 10) + root.substring(11);
        if (!HANDLER_SPAN.equals(handler.getName()) || !NESTED_SPAN.equals(nested.getName())) {
            return "unexpected names";
        }
        if (!nested.getParentSpanId().equals(handler.getSpanId()) || !traceId.equals(handler.getTraceId())
                || !traceId.equals(nested.getTraceId()) || !handler.getParentSpanContext().isRemote()) {
            return "unexpected parentage (trace " + traceId + ")";
        }
        if (!BenchmarkEnvironment.SERVICE.equals(handler.getAttributes().get(SERVICE))
                || handler.getAttributes().get(COLD_START) == null
                || !ANNOTATION_NAMES.equals(handler.getAttributes().get(ANNOTATIONS))
                || !("\"" + Emission.ORDER_ID + "\"").equals(handler.getAttributes().get(RESPONSE))) {
            return "the handler span lacks the annotations or the response";
        }
        return null;
    }

    /**
     * The two spans by hand, as a function using the OpenTelemetry SDK alone would make them: the X-Ray trace
     * header of the context as the remote parent, the handler span current while the nested one runs, the
     * attributes Lens gives the handler span set when it ends.
     */
    static final class ByHand implements RequestHandler<Object, String> {
        private final Tracer tracer;
        private boolean coldStart = true;

        ByHand(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public String handleRequest(Object event, Context context) {
            Span handler = tracer.spanBuilder(HANDLER_SPAN)
                    .setParent(io.opentelemetry.context.Context.current().with(Span.wrap(remoteParent(context.getXrayTraceId()))))
                    .startSpan();
            String response;
            try (Scope ignored = handler.makeCurrent()) {
                Span nested = tracer.spanBuilder(NESTED_SPAN).startSpan();
                try (Scope alsoIgnored = nested.makeCurrent()) {
                    response = WORK.get();
                } finally {
                    nested.end();
                }
                handler.setAttribute(RESPONSE, "\"" + response + "\"");
            } finally {
                handler.setAttribute(COLD_START, coldStart);
                handler.setAttribute(SERVICE, BenchmarkEnvironment.SERVICE);
                handler.setAttribute(ANNOTATIONS, ANNOTATION_NAMES);
                coldStart = false;
                handler.end();
            }
            return response;
        }

        /** {@code Root=1-8hex-24hex;Parent=16hex;Sampled=1} as a sampled remote span context. */
        private static SpanContext remoteParent(String header) {
            int root = header.indexOf("Root=") + 5;
            int parent = header.indexOf("Parent=") + 7;
            return SpanContext.createFromRemoteParent(
                    header.substring(root + 2, root + 10).concat(header.substring(root + 11, root + 35)),
                    header.substring(parent, parent + 16),
                    header.contains("Sampled=1") ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                    TraceState.getDefault());
        }
    }

    /** The fork's one SDK, registered as {@code GlobalOpenTelemetry} the first time a benchmark sets up. */
    static final class Sdk {
        static final DiscardingExporter EXPORTER = new DiscardingExporter();
        private static OpenTelemetrySdk sdk;

        private Sdk() {
        }

        static synchronized void register() {
            if (sdk == null) {
                sdk = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build())
                        .buildAndRegisterGlobal();
            }
        }

        static synchronized Tracer tracer() {
            return sdk.getTracer("dev.lambdalens.benchmarks.by-hand");
        }
    }

    /** Counts the spans and drops them; keeps those of the check. */
    static final class DiscardingExporter implements SpanExporter {
        private long count;
        private List<SpanData> captured;

        @Override
        public synchronized CompletableResultCode export(Collection<SpanData> spans) {
            count += spans.size();
            if (captured != null) {
                captured.addAll(spans);
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        synchronized long count() {
            return count;
        }

        synchronized void startCapture() {
            captured = new ArrayList<>();
        }

        synchronized List<SpanData> stopCapture() {
            List<SpanData> spans = captured == null ? List.of() : captured;
            captured = null;
            return spans;
        }
    }
}
