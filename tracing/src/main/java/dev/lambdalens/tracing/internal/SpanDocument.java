package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.Throwables;
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
    static final int MAX_FRAMES = 50;
    static final int MAX_CAUSES = 10;
    private static final String WORKING_DIRECTORY = System.getProperty("user.dir", "");

    /** How much of an oversized metadata value is kept as a preview. */
    static final int PREVIEW_CHARS = 512;

    private final StringBuilder out;
    private final Limits limits;
    private final SdkChildren sdkChildren;

    /** Appends the X-Ray SDK subsegments recorded under a span's SDK mirror (AWS SDK calls, AWSXRay calls). */
    interface SdkChildren {
        /** Appends each as a JSON object preceded by a comma; returns how many were written. */
        int append(Object mirror, StringBuilder out);
    }

    /**
     * How much of a span a document keeps. {@link #WHOLE} keeps everything; the others are the steps
     * {@link SpanSender} takes, one after another, for a document too large for one datagram.
     */
    static final class Limits {
        /** Everything, children included; what nearly every document is written with. */
        static final Limits WHOLE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, MAX_FRAMES, MAX_CAUSES, true,
                true);

        final int metadataValue;
        final int text;
        final int frames;
        final int causes;
        final boolean annotations;
        final boolean children;

        /**
         * @param metadataValue metadata values longer than this many characters are replaced by a preview;
         *                      negative to leave metadata out
         * @param text          longer annotation values, metadata keys, exception types and messages, stack
         *                      frames and aws values are cut to this many characters, with a marker
         * @param frames        stack frames kept per exception
         * @param causes        exceptions of the cause chain kept
         * @param annotations   whether annotations are written
         * @param children      whether child spans go inside the document (else they are sent on their own)
         */
        Limits(int metadataValue, int text, int frames, int causes, boolean annotations, boolean children) {
            this.metadataValue = metadataValue;
            this.text = text;
            this.frames = frames;
            this.causes = causes;
            this.annotations = annotations;
            this.children = children;
        }
    }

    SpanDocument(Limits limits, SdkChildren sdkChildren) {
        this(new StringBuilder(1024), limits, sdkChildren);
    }

    /** A writer appending to {@code out}, a caller's reusable buffer. */
    SpanDocument(StringBuilder out, Limits limits, SdkChildren sdkChildren) {
        this.out = out;
        this.limits = limits;
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
        if (limits.annotations) {
            writeAnnotations(span.annotations());
        }
        writeMetadata(span.metadata());
        if (limits.children || !top) {
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
                appendText((String) value);
            } else {
                out.append(value);
            }
        }
        out.append('}');
    }

    private void writeMetadata(Metadata metadata) {
        if (metadata == null || metadata.size() == 0 || limits.metadataValue < 0) {
            return;
        }
        out.append(",\"metadata\":{");
        int size = metadata.size();
        boolean firstNamespace = true;
        for (int opening = 0; opening < size; opening++) {
            if (!metadata.opensNamespace(opening)) {
                continue;
            }
            String namespace = metadata.namespace(opening);
            if (!firstNamespace) {
                out.append(',');
            }
            firstNamespace = false;
            appendText(namespace);
            out.append(":{");
            boolean first = true;
            for (int i = opening; i < size; i++) {
                if (!metadata.namespace(i).equals(namespace)) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendText(metadata.key(i));
                out.append(':');
                String json = metadata.value(i);
                if (json.length() <= limits.metadataValue) {
                    out.append(json);
                } else {
                    out.append("{\"truncated\":true,\"length\":").append(json.length()).append(",\"preview\":");
                    JsonText.appendQuoted(out, json.substring(0, cutAt(json, PREVIEW_CHARS)));
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
                appendText(String.valueOf(item));
            }
            out.append(']');
        } else {
            appendText(String.valueOf(value));
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
        appendText(WORKING_DIRECTORY);
        out.append(",\"exceptions\":[");
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = error;
        String id = Ids.newId();
        int causes = Math.max(limits.causes, 1);
        for (int i = 0; current != null && i < causes && seen.put(current, Boolean.TRUE) == null; i++) {
            if (i > 0) {
                out.append(',');
            }
            Throwable next = Throwables.cause(current);
            String nextId = next != null && next != current && !seen.containsKey(next) && i + 1 < causes
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
        appendText(error.getClass().getName());
        if (remote) {
            out.append(",\"remote\":true");
        }
        String message = Throwables.message(error);
        if (message != null) {
            out.append(",\"message\":");
            appendText(masking.maskText(message));
        }
        StackTraceElement[] frames = Throwables.stack(error);
        int count = Math.min(frames.length, limits.frames);
        out.append(",\"stack\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            StackTraceElement frame = frames[i];
            if (frame == null) {
                out.append("{}"); // only an overridden getStackTrace() has holes
                continue;
            }
            out.append("{\"path\":");
            appendText(frame.getFileName() != null ? frame.getFileName() : frame.getClassName());
            out.append(",\"line\":").append(Math.max(frame.getLineNumber(), 0)).append(",\"label\":");
            appendText(frame.getClassName() + "." + frame.getMethodName());
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

    /** Quotes {@code text}, cut to the limit with a marker giving its full length when it is longer. */
    private void appendText(String text) {
        if (text.length() <= limits.text) {
            JsonText.appendQuoted(out, text);
            return;
        }
        JsonText.appendQuoted(out, text.substring(0, cutAt(text, limits.text)) + "...(truncated, "
                + text.length() + " chars)");
    }

    /** {@code max}, or one less where cutting there would split a surrogate pair. */
    private static int cutAt(String text, int max) {
        if (max >= text.length()) {
            return text.length();
        }
        return max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
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
