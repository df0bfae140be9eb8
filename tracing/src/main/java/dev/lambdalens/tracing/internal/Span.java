package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.tracing.TracedSubsegment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded subsegment. Spans of one trace tree (a handler subsegment and everything under it) share one
 * lock, the root's, so that threads adding children, annotations and metadata and the thread writing the
 * document never see each other half done; the lock is never contended in practice.
 *
 * <p>A span is written as its own daemon document when it ends, if it is a root (its parent is the segment
 * Lambda created) or its parent has already gone out (alone or inside an ancestor's document); otherwise it
 * goes out inside its parent's document.
 */
public final class Span implements TracedSubsegment {
    static final int MAX_ANNOTATIONS = 50;

    private final Tracer tracer;
    private final Span parent;
    private final Object lock;
    private final String name;
    private final String id;
    private final String traceId;
    private final String parentId;
    /** Where {@link #putMetadata(String, Object)} puts a value: the service name, or the traced method's namespace. */
    private volatile String defaultNamespace;
    private final long startMicros;

    // Guarded by lock.
    private long endMicros;
    /** Whether this span has gone out ended, in its own document or inside an ancestor's. */
    private boolean written;
    private boolean fault;
    private Throwable cause;
    private Map<String, Object> annotations;
    private Metadata metadata;
    private List<Span> children;
    // A call to a downstream service (an AWS SDK call): the fields X-Ray reads for its service map.
    private String namespace;
    private boolean error;
    private boolean throttle;
    private boolean remoteCause;
    private Map<String, Object> aws;
    private int httpStatus;
    private long httpContentLength = -1;

    /** The X-Ray SDK subsegment that stands for this span while SDK interop is on; set on one thread only. */
    volatile Object sdkMirror;
    /** The OpenTelemetry span this span is, with the OpenTelemetry backend ({@link OtelSpans}); else null. */
    volatile Object otelSpan;

    Span(Tracer tracer, Span parent, String name, String id, String traceId, String parentId,
         String defaultNamespace, long startMicros) {
        this.tracer = tracer;
        this.parent = parent;
        this.lock = parent == null ? this : parent.lock;
        this.name = name;
        this.id = id;
        this.traceId = traceId;
        this.parentId = parentId;
        this.defaultNamespace = defaultNamespace;
        this.startMicros = startMicros;
        if (parent != null) {
            parent.addChild(this);
        }
    }

    /** The tracer that made this span. */
    public Tracer tracer() {
        return tracer;
    }

    /** The parent span, or {@code null} for a child of Lambda's segment. */
    Span parent() {
        return parent;
    }

    String name() {
        return name;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String traceId() {
        return traceId;
    }

    /** The id of the parent: the parent span's, or the Lambda segment's for a root. */
    String parentId() {
        return parentId;
    }

    long startMicros() {
        return startMicros;
    }

    Object lock() {
        return lock;
    }

    @Override
    public boolean isRecording() {
        return true;
    }

    @Override
    public void putAnnotation(String key, String value) {
        annotate(key, value);
    }

    @Override
    public void putAnnotation(String key, Number value) {
        if (value == null || (value instanceof Double || value instanceof Float)
                && !Double.isFinite(value.doubleValue())) {
            report("tracing:annotation:number", "annotation " + key + " needs a finite number, got "
                    + value + "; it is left out", null);
            return;
        }
        annotate(key, value);
    }

    @Override
    public void putAnnotation(String key, boolean value) {
        annotate(key, value);
    }

    @Override
    public void putMetadata(String key, Object value) {
        putMetadata(defaultNamespace, key, value);
    }

    @Override
    public void putMetadata(String namespace, String key, Object value) {
        if (namespace == null || namespace.isBlank()) {
            namespace = defaultNamespace;
        }
        if (key == null || namespace.startsWith("AWS.")) {
            report("tracing:metadata:key", "metadata needs a key and a namespace not starting with AWS. (got "
                    + namespace + "/" + key + "); it is left out", null);
            return;
        }
        // Written now: the document shows the value as it was when recorded, and a bad value is reported here.
        String json;
        try {
            json = tracer.metadataWriter().masksName(key) ? tracer.maskJson() : tracer.metadataWriter().toJson(value);
        } catch (RuntimeException | StackOverflowError e) {
            // A collection changed while being written, a toString() that throws...: lose this value only.
            report("tracing:metadata:write:" + key, "could not write metadata " + key
                    + " as JSON; it is left out", e);
            return;
        }
        synchronized (lock) {
            if (closedForWrites("metadata ", key)) {
                return;
            }
            if (metadata == null) {
                metadata = new Metadata();
            }
            if (!metadata.put(namespace, key, json)) {
                report("tracing:metadata:count", "a subsegment holds at most " + Metadata.MAX_ENTRIES
                        + " metadata values; " + namespace + "/" + key + " is left out", null);
            }
        }
    }

    /**
     * Makes {@code namespace} where {@link #putMetadata(String, Object)} puts values, as Powertools sets the
     * subsegment's namespace from {@code @Tracing(namespace)}; called before the span is handed to any code.
     */
    void metadataNamespace(String namespace) {
        if (namespace != null && !namespace.isBlank()) {
            this.defaultNamespace = namespace;
        }
    }

    /** Marks the span as failed by {@code error}; the exception itself is kept only when {@code keepCause}. */
    void fail(Throwable error, boolean keepCause) {
        synchronized (lock) {
            fault = true;
            if (keepCause) {
                cause = error;
            }
        }
    }

    /**
     * Marks the span as a call to a downstream service: {@code "aws"} for an AWS SDK call, {@code "remote"} for
     * any other. X-Ray draws such a subsegment as its own node in the service map.
     */
    public void markRemote(String namespace) {
        synchronized (lock) {
            this.namespace = namespace;
        }
    }

    /**
     * Adds a field of the {@code aws} object (operation, region, request_id, retries, table_name, ...). The
     * value is a String, a Number, a Boolean or a collection of Strings (written as an array); {@code null}
     * values are left out. A later value for the same key replaces the earlier one.
     */
    public void putAws(String key, Object value) {
        if (key == null || value == null) {
            return;
        }
        synchronized (lock) {
            if (closedForWrites("aws field ", key)) {
                return;
            }
            if (aws == null) {
                aws = new LinkedHashMap<>(8);
            }
            aws.put(key, value);
        }
    }

    /** Records the HTTP response: {@code http.response.status} and, when not negative, its content length. */
    public void putHttpResponse(int status, long contentLength) {
        synchronized (lock) {
            httpStatus = status;
            httpContentLength = contentLength;
        }
    }

    /**
     * Sets the flags X-Ray derives from a response status: 429 is {@code throttle} and {@code error}, other
     * 4xx {@code error}, 5xx {@code fault}; {@code 0} or less (no response at all) is {@code fault}.
     */
    public void markStatus(int status) {
        synchronized (lock) {
            if (status <= 0 || status >= 500) {
                fault = true;
            } else if (status >= 400) {
                error = true;
                throttle |= status == 429;
            }
        }
    }

    /** Marks the span throttled (and so a client {@code error}), for services that throttle with another status. */
    public void markThrottle() {
        synchronized (lock) {
            throttle = true;
            error = true;
        }
    }

    /**
     * Records {@code error} as the span's cause without changing its flags (see {@link #markStatus(int)});
     * {@code remote}: the service answered with it, rather than the call failing on this side.
     */
    public void putCause(Throwable error, boolean remote) {
        synchronized (lock) {
            cause = error;
            remoteCause = remote;
        }
    }

    /** Ends the span; returns whether it must now be sent as its own document. */
    boolean end(long endMicros) {
        synchronized (lock) {
            if (this.endMicros != 0) {
                return false;
            }
            this.endMicros = Math.max(endMicros, startMicros);
            // The parent's document has gone out with this span open in it: nothing else will carry it now.
            return parent == null || parent.written;
        }
    }

    /**
     * Records that this ended span's document has been written, and with it every ended span below it through
     * ended spans (an open one is only announced there). Those ending from now on under any of them are sent
     * on their own, however deep. Call with the lock held, in the same locked step as the writing.
     */
    void markWritten() {
        written = true;
        if (children != null) {
            for (Span child : children) {
                if (child.isEnded()) {
                    child.markWritten();
                }
            }
        }
    }

    boolean isEnded() {
        return endMicros != 0;
    }

    long endMicros() {
        return endMicros;
    }

    boolean fault() {
        return fault;
    }

    Throwable cause() {
        return cause;
    }

    String namespace() {
        return namespace;
    }

    boolean error() {
        return error;
    }

    boolean throttle() {
        return throttle;
    }

    boolean remoteCause() {
        return remoteCause;
    }

    Map<String, Object> aws() {
        return aws;
    }

    /** The HTTP response status, or 0 when none was recorded. */
    int httpStatus() {
        return httpStatus;
    }

    long httpContentLength() {
        return httpContentLength;
    }

    Map<String, Object> annotations() {
        return annotations;
    }

    Metadata metadata() {
        return metadata;
    }

    List<Span> children() {
        return children;
    }

    private void addChild(Span child) {
        synchronized (lock) {
            if (children == null) {
                children = new ArrayList<>(4);
            }
            children.add(child);
        }
    }

    private void annotate(String key, Object value) {
        if (!validAnnotationKey(key)) {
            report("tracing:annotation:key:" + key, "annotation key \"" + Diagnostics.shorten(key)
                    + "\" must be made of A-Z, a-z, 0-9 and _; the annotation is left out", null);
            return;
        }
        if (value == null) {
            report("tracing:annotation:null", "annotation " + key + " has no value; it is left out", null);
            return;
        }
        synchronized (lock) {
            if (closedForWrites("annotation ", key)) {
                return;
            }
            if (annotations == null) {
                annotations = new LinkedHashMap<>(4);
            }
            if (annotations.size() >= MAX_ANNOTATIONS && !annotations.containsKey(key)) {
                report("tracing:annotation:count", "a subsegment holds at most " + MAX_ANNOTATIONS
                        + " annotations; " + key + " is left out", null);
                return;
            }
            annotations.put(key, masked(key, value));
        }
    }

    /** An annotation's value as written: the mask for a sensitive key, a string masked as free text. */
    private Object masked(String key, Object value) {
        MaskingPolicy masking = tracer.masking();
        if (masking.masksName(key)) {
            return masking.mask();
        }
        return value instanceof String ? masking.maskText((String) value) : value;
    }

    /** Whether the span has ended; then reports that {@code kind key} is left out (the text made only then). */
    private boolean closedForWrites(String kind, String key) {
        if (endMicros == 0) {
            return false;
        }
        report("tracing:closed", "the subsegment " + name + " has already ended; " + kind + key
                + " is left out", null);
        return true;
    }

    static boolean validAnnotationKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Span[" + name + ", id=" + id + ", trace=" + traceId + "]";
    }

    /** Reports a problem with what user code put on this span, once per key, to the runtime's diagnostics. */
    private void report(String key, String message, Throwable cause) {
        tracer.diagnostics().reportOnce(key, message, cause);
    }
}
