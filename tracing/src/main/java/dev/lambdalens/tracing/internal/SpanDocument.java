package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.JsonText;
import dev.lambdalens.core.spi.MaskingPolicy;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a span as an X-Ray segment document, by hand: the shape is small and fixed, and writing it with a
 * StringBuilder costs microseconds where the SDK's Jackson serialization costs a hundred milliseconds of class
 * loading at cold start. Call with the span's lock held.
 */
final class SpanDocument {
    private static final int MAX_FRAMES = 50;
    private static final int MAX_CAUSES = 10;
    private static final String WORKING_DIRECTORY = System.getProperty("user.dir", "");

    /** How much of an oversized metadata value is kept as a preview. */
    static final int PREVIEW_CHARS = 512;

    private final StringBuilder out;
    private final int metadataLimit;
    private final boolean withChildren;
    private final SdkChildren sdkChildren;

    /** Appends the X-Ray SDK subsegments recorded under a span's SDK mirror (AWS SDK calls, AWSXRay calls). */
    interface SdkChildren {
        /** Appends each as a JSON object preceded by a comma; returns how many were written. */
        int append(Object mirror, StringBuilder out);
    }

    /**
     * @param metadataLimit metadata values longer than this many characters are replaced by a preview;
     *                      negative to leave metadata out
     * @param withChildren  whether child spans go inside the document (else they are sent on their own)
     */
    SpanDocument(int metadataLimit, boolean withChildren, SdkChildren sdkChildren) {
        this(new StringBuilder(1024), metadataLimit, withChildren, sdkChildren);
    }

    /** A writer appending to {@code out}, a caller's reusable buffer. */
    SpanDocument(StringBuilder out, int metadataLimit, boolean withChildren, SdkChildren sdkChildren) {
        this.out = out;
        this.metadataLimit = metadataLimit;
        this.withChildren = withChildren;
        this.sdkChildren = sdkChildren;
    }

    /** The document of {@code span}, standalone (with type, parent_id and trace_id). */
    String standalone(Span span) {
        out.setLength(0);
        writeSpan(span, true, true);
        return out.toString();
    }

    /** Appends the standalone document of {@code span} to the buffer, after what it holds. */
    void appendStandalone(Span span) {
        writeSpan(span, true, true);
    }

    private void writeSpan(Span span, boolean standalone, boolean top) {
        out.append("{\"name\":");
        JsonText.appendQuoted(out, span.name());
        out.append(",\"id\":\"").append(span.id()).append('"');
        if (span.namespace() != null) {
            out.append(",\"namespace\":");
            JsonText.appendQuoted(out, span.namespace());
        }
        if (standalone) {
            out.append(",\"type\":\"subsegment\",\"parent_id\":\"").append(span.parentId())
                    .append("\",\"trace_id\":\"").append(span.traceId()).append('"');
        }
        out.append(",\"start_time\":");
        appendSeconds(span.startMicros());
        if (span.isEnded()) {
            out.append(",\"end_time\":");
            appendSeconds(span.endMicros());
        } else {
            out.append(",\"in_progress\":true");
            if (!top) {
                // An open child is only announced; its own document follows when it ends.
                out.append('}');
                return;
            }
        }
        if (span.fault()) {
            out.append(",\"fault\":true");
        }
        if (span.error()) {
            out.append(",\"error\":true");
        }
        if (span.throttle()) {
            out.append(",\"throttle\":true");
        }
        if (span.cause() != null) {
            writeCause(span.cause(), span.remoteCause(), span.tracer().masking());
        }
        writeAws(span.aws());
        writeHttp(span.httpStatus(), span.httpContentLength());
        writeAnnotations(span.annotations());
        writeMetadata(span.metadata());
        if (withChildren || !top) {
            writeChildren(span);
        }
        out.append('}');
    }

    private void writeChildren(Span span) {
        List<Span> children = span.children();
        Object mirror = span.sdkMirror;
        if ((children == null || children.isEmpty()) && mirror == null) {
            return;
        }
        int mark = out.length();
        out.append(",\"subsegments\":[");
        int written = 0;
        if (children != null) {
            for (Span child : children) {
                if (written++ > 0) {
                    out.append(',');
                }
                writeSpan(child, false, false);
            }
        }
        if (mirror != null && sdkChildren != null) {
            int start = out.length();
            int added = sdkChildren.append(mirror, out);
            if (added > 0 && written == 0) {
                out.deleteCharAt(start); // the leading comma of the first SDK child
            }
            written += added;
        }
        if (written == 0) {
            out.setLength(mark);
        } else {
            out.append(']');
        }
    }

    private void writeAnnotations(Map<String, Object> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        out.append(",\"annotations\":{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : annotations.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.appendQuoted(out, entry.getKey());
            out.append(':');
            Object value = entry.getValue();
            if (value instanceof String) {
                JsonText.appendQuoted(out, (String) value);
            } else {
                out.append(value);
            }
        }
        out.append('}');
    }

    private void writeMetadata(Map<String, Map<String, String>> metadata) {
        if (metadata == null || metadata.isEmpty() || metadataLimit < 0) {
            return;
        }
        out.append(",\"metadata\":{");
        boolean firstNamespace = true;
        for (Map.Entry<String, Map<String, String>> namespace : metadata.entrySet()) {
            if (!firstNamespace) {
                out.append(',');
            }
            firstNamespace = false;
            JsonText.appendQuoted(out, namespace.getKey());
            out.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> entry : namespace.getValue().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.appendQuoted(out, entry.getKey());
                out.append(':');
                String json = entry.getValue();
                if (json.length() <= metadataLimit) {
                    out.append(json);
                } else {
                    out.append("{\"truncated\":true,\"length\":").append(json.length()).append(",\"preview\":");
                    JsonText.appendQuoted(out, json.substring(0, Math.min(PREVIEW_CHARS, json.length())));
                    out.append('}');
                }
            }
            out.append('}');
        }
        out.append('}');
    }

    private void writeAws(Map<String, Object> aws) {
        if (aws == null || aws.isEmpty()) {
            return;
        }
        out.append(",\"aws\":{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : aws.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.appendQuoted(out, entry.getKey());
            out.append(':');
            appendAwsValue(entry.getValue());
        }
        out.append('}');
    }

    private void appendAwsValue(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Collection) {
            out.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.appendQuoted(out, String.valueOf(item));
            }
            out.append(']');
        } else {
            JsonText.appendQuoted(out, String.valueOf(value));
        }
    }

    private void writeHttp(int status, long contentLength) {
        if (status <= 0) {
            return;
        }
        out.append(",\"http\":{\"response\":{\"status\":").append(status);
        if (contentLength >= 0) {
            out.append(",\"content_length\":").append(contentLength);
        }
        out.append("}}");
    }

    private void writeCause(Throwable error, boolean remote, MaskingPolicy masking) {
        out.append(",\"cause\":{\"working_directory\":");
        JsonText.appendQuoted(out, WORKING_DIRECTORY);
        out.append(",\"exceptions\":[");
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = error;
        String id = Ids.newId();
        for (int i = 0; current != null && i < MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; i++) {
            if (i > 0) {
                out.append(',');
            }
            Throwable next = current.getCause();
            String nextId = next != null && next != current && !seen.containsKey(next) && i + 1 < MAX_CAUSES
                    ? Ids.newId() : null;
            writeException(current, id, nextId, remote && i == 0, masking);
            current = next;
            id = nextId;
        }
        out.append("]}");
    }

    private void writeException(Throwable error, String id, String causeId, boolean remote,
                                MaskingPolicy masking) {
        out.append("{\"id\":\"").append(id).append("\",\"type\":");
        JsonText.appendQuoted(out, error.getClass().getName());
        if (remote) {
            out.append(",\"remote\":true");
        }
        if (error.getMessage() != null) {
            out.append(",\"message\":");
            JsonText.appendQuoted(out, masking.maskText(error.getMessage()));
        }
        StackTraceElement[] frames = error.getStackTrace();
        int count = Math.min(frames.length, MAX_FRAMES);
        out.append(",\"stack\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            StackTraceElement frame = frames[i];
            out.append("{\"path\":");
            JsonText.appendQuoted(out, frame.getFileName() != null ? frame.getFileName() : frame.getClassName());
            out.append(",\"line\":").append(Math.max(frame.getLineNumber(), 0)).append(",\"label\":");
            JsonText.appendQuoted(out, frame.getClassName() + "." + frame.getMethodName());
            out.append('}');
        }
        out.append(']');
        if (frames.length > count) {
            out.append(",\"truncated\":").append(frames.length - count);
        }
        if (causeId != null) {
            out.append(",\"cause\":\"").append(causeId).append('"');
        }
        out.append('}');
    }

    /** Epoch seconds with microseconds, written exactly (no floating point rounding, no exponent). */
    private void appendSeconds(long micros) {
        long seconds = micros / 1_000_000;
        long fraction = micros % 1_000_000;
        out.append(seconds).append('.');
        for (long scale = 100_000; scale > 0; scale /= 10) {
            out.append((char) ('0' + fraction / scale % 10));
        }
    }
}
