package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.core.internal.JsonValueWriter;
import dev.lambdalens.tracing.TracingSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The tracing settings of one {@link LensRuntime} and what acts on them: starts spans, ends them and sends
 * their documents to the daemon, with a size guard. One per runtime, made on first use.
 */
public final class Tracer implements Problems {
    static final String SDK_V2_INSTRUMENTATION = "com/amazonaws/xray/interceptors/TracingInterceptor.class";
    static final String XRAY_SDK = "com/amazonaws/xray/AWSXRay.class";

    /** Metadata values longer than this are previewed when a document would not fit in a datagram. */
    private static final int OVERSIZE_METADATA_LIMIT = 1024;

    private static final Map<LensRuntime, Tracer> TRACERS = new WeakHashMap<>();

    private final boolean enabled;
    private final boolean captureResponse;
    private final boolean captureError;
    private final String serviceName;
    private final Clock clock;
    private final Diagnostics diagnostics;
    private final DaemonSender sender;
    private final boolean sdkInterop;
    private final JsonValueWriter metadataWriter;

    private Tracer(LensRuntime runtime) {
        TracingSettings settings = TracingSettings.from(runtime.configuration(), runtime.diagnostics());
        this.enabled = settings.enabled();
        this.captureResponse = settings.captureResponse();
        this.captureError = settings.captureError();
        this.metadataWriter = JsonValueWriter.builder(runtime.diagnostics(), "tracing:metadata", "a metadata value")
                .build();
        this.serviceName = runtime.environment().serviceName();
        this.clock = runtime.clock();
        this.diagnostics = runtime.diagnostics();
        this.sender = new DaemonSender(settings.daemonAddress(), this, runtime.documentSink());
        this.sdkInterop = enabled && sdkInterop(settings.sdkInterop());
    }

    private boolean sdkInterop(Boolean interop) {
        ClassLoader loader = Tracer.class.getClassLoader();
        if (interop == null) {
            return loader.getResource(SDK_V2_INSTRUMENTATION) != null;
        }
        if (!interop) {
            return false;
        }
        if (loader.getResource(XRAY_SDK) == null) {
            problem("tracing:sdk-missing", TracingSettings.SDK_INTEROP + "=true but the X-Ray SDK (com.amazonaws:"
                    + "aws-xray-recorder-sdk-core) is not on the class path; interop stays off", null);
            return false;
        }
        return true;
    }

    /** The tracer of {@code runtime}. */
    public static Tracer of(LensRuntime runtime) {
        synchronized (TRACERS) {
            Tracer tracer = TRACERS.get(runtime);
            if (tracer == null) {
                tracer = new Tracer(runtime);
                TRACERS.put(runtime, tracer);
            }
            return tracer;
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean captureResponse() {
        return captureResponse;
    }

    public boolean captureError() {
        return captureError;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Writes metadata values as JSON. */
    JsonValueWriter metadataWriter() {
        return metadataWriter;
    }

    /** Whether subsegments are also the X-Ray SDK's current entity (see {@link #SDK_INTEROP}). */
    public boolean sdkInterop() {
        return sdkInterop;
    }

    /**
     * A span for code running in {@code scope}: a child of the thread's current span when that belongs to the
     * same trace, else a child of the segment Lambda created. {@code null} when the invocation is not traced
     * (tracing off, no trace header, not sampled).
     */
    public Span startInScope(InvocationScope scope, String name) {
        if (!enabled || scope == null) {
            return null;
        }
        TraceHeader header = scope.traceHeader();
        if (header == null || !header.isSampled() || header.parent() == null) {
            return null;
        }
        Span current = CurrentSpan.get();
        if (current != null && current.traceId().equals(header.root())) {
            return startChild(current, name);
        }
        return new Span(this, null, checkedName(name), Ids.newId(header.root(), header.parent()),
                header.root(), header.parent(), serviceName, nowMicros());
    }

    /** A child of {@code parent}. */
    public Span startChild(Span parent, String name) {
        return new Span(this, parent, checkedName(name), Ids.newId(parent.traceId(), parent.id()),
                parent.traceId(), parent.id(), serviceName, nowMicros());
    }

    /** Ends {@code span} and sends what has to go now. Never throws. */
    public void end(Span span) {
        try {
            if (span.end(nowMicros())) {
                send(span);
            }
        } catch (RuntimeException | LinkageError e) {
            problem("tracing:end", "could not end or send the subsegment " + span.name(), e);
        }
    }

    /**
     * Sends {@code span} as it is, in progress, so that an invocation stopped at its deadline still shows its
     * handler subsegment and everything that ended under it. Never throws.
     */
    public void sendInProgress(Span span) {
        try {
            if (!span.isEnded()) {
                send(span);
            }
        } catch (RuntimeException | LinkageError e) {
            problem("tracing:in-progress", "could not send the subsegment " + span.name() + " in progress", e);
        }
    }

    private void send(Span span) {
        // The common case, one document that fits, is written and encoded in this thread's reused buffers.
        DatagramBuffer buffer = DatagramBuffer.start();
        List<byte[]> datagrams = null;
        try {
            synchronized (span.lock()) {
                new SpanDocument(buffer.text(), Integer.MAX_VALUE, true, sdkChildren()).appendStandalone(span);
                int length = buffer.encode();
                if (length > DaemonSender.MAX_DATAGRAM_BYTES) {
                    datagrams = new ArrayList<>(2);
                    renderOversized(span, datagrams, length);
                }
            }
            if (datagrams == null) {
                sender.send(buffer.bytes());
                return;
            }
        } finally {
            buffer.release();
        }
        for (byte[] datagram : datagrams) {
            sender.send(datagram);
        }
    }

    private SpanDocument.SdkChildren sdkChildren() {
        return sdkInterop ? SdkBridge::appendChildren : null;
    }

    /** The datagrams for {@code span}: one when it fits, else its children separately and big metadata cut. */
    private void render(Span span, List<byte[]> datagrams) {
        byte[] whole = DaemonSender.datagram(
                new SpanDocument(Integer.MAX_VALUE, true, sdkChildren()).standalone(span));
        if (whole.length <= DaemonSender.MAX_DATAGRAM_BYTES) {
            datagrams.add(whole);
            return;
        }
        renderOversized(span, datagrams, whole.length);
    }

    /** The datagrams for {@code span}, whose whole document does not fit in one. */
    private void renderOversized(Span span, List<byte[]> datagrams, int wholeLength) {
        SpanDocument.SdkChildren sdk = sdkChildren();
        problem("tracing:size", "a subsegment document of " + wholeLength + " bytes exceeds the "
                + DaemonSender.MAX_DATAGRAM_BYTES + " bytes the X-Ray daemon accepts in one datagram; metadata "
                + "values over " + OVERSIZE_METADATA_LIMIT + " characters are cut to a preview and children are "
                + "sent on their own where needed", null);
        byte[] previewed = DaemonSender.datagram(
                new SpanDocument(OVERSIZE_METADATA_LIMIT, true, sdk).standalone(span));
        if (previewed.length <= DaemonSender.MAX_DATAGRAM_BYTES) {
            datagrams.add(previewed);
            return;
        }
        if (span.children() != null) {
            for (Span child : span.children()) {
                if (child.isEnded()) {
                    render(child, datagrams);
                }
            }
        }
        byte[] alone = DaemonSender.datagram(new SpanDocument(OVERSIZE_METADATA_LIMIT, false, sdk).standalone(span));
        if (alone.length > DaemonSender.MAX_DATAGRAM_BYTES) {
            alone = DaemonSender.datagram(new SpanDocument(-1, false, sdk).standalone(span));
        }
        datagrams.add(alone);
    }

    /**
     * Runs the cold paths once without sending anything: writes a throwaway document, opens the socket and,
     * with SDK interop, initializes the X-Ray SDK. For init code of SnapStart and provisioned functions, whose
     * init runs before any caller waits. Never throws.
     */
    public void prime() {
        if (!enabled) {
            return;
        }
        try {
            Span span = new Span(this, null, "prime", Ids.newId(), "1-00000000-000000000000000000000000",
                    Ids.newId(), serviceName, nowMicros());
            span.putAnnotation("ColdStart", true);
            span.putMetadata("prime", Map.of("list", List.of(1, "a")));
            span.fail(new IllegalStateException("prime"), true);
            span.end(nowMicros());
            DatagramBuffer buffer = DatagramBuffer.start();
            synchronized (span.lock()) {
                new SpanDocument(buffer.text(), Integer.MAX_VALUE, true, null).appendStandalone(span);
            }
            buffer.encode();
            buffer.release();
            sender.prepare();
            if (sdkInterop) {
                SdkBridge.prime(span);
            }
        } catch (RuntimeException | LinkageError e) {
            problem("tracing:prime", "priming tracing failed; the first invocation pays the cold paths", e);
        }
    }

    /** After a SnapStart restore: the daemon socket is opened anew on the next send. */
    public void afterRestore() {
        sender.reset();
    }

    /** Reports a problem once per key. */
    void problem(String key, String message, Throwable cause) {
        diagnostics.reportOnce(key, message, cause);
    }

    /** The same as {@link #problem}: the tracer is where its parts report. */
    @Override
    public void report(String key, String message, Throwable cause) {
        diagnostics.reportOnce(key, message, cause);
    }

    long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * {@code name} as X-Ray accepts it: 1 to 200 characters, without the ASCII symbols it rejects. An invalid
     * name is repaired (and reported once) rather than dropped, so the work still shows.
     */
    private String checkedName(String name) {
        if (name != null && !name.isEmpty() && name.length() <= 200 && validName(name)) {
            return name;
        }
        String repaired = repair(name);
        problem("tracing:name:" + name, "subsegment name \"" + name + "\" is not valid for X-Ray; using \""
                + repaired + "\"", null);
        return repaired;
    }

    private static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (invalidNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean invalidNameChar(char c) {
        return c < 0x20 || "!\"$'()*,;<>?[]^`{|}~".indexOf(c) >= 0;
    }

    private static String repair(String name) {
        if (name == null || name.isEmpty()) {
            return "unnamed";
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), 200));
        for (int i = 0; i < name.length() && out.length() < 200; i++) {
            char c = name.charAt(i);
            out.append(invalidNameChar(c) ? '_' : c);
        }
        return out.toString();
    }
}
