package dev.lambdalens.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An X-Ray trace header, {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1},
 * parsed. {@code Root} is the trace id that X-Ray shows and that Lambda Lens writes on every log line and
 * metric document; {@code Parent} is the id of the segment Lambda created for this invocation.
 *
 * <p>Keys other than Root, Parent, Sampled and Lineage are kept, in order, so that the header can be passed
 * on unchanged. Immutable and thread-safe.
 */
public final class TraceHeader {
    /** Lambda's environment variable holding the trace header of the current invocation. */
    public static final String ENVIRONMENT_VARIABLE = "_X_AMZN_TRACE_ID";
    /** The system property the Lambda Java runtime client sets to the current trace header. */
    public static final String SYSTEM_PROPERTY = "com.amazonaws.xray.traceHeader";

    /** The sampling decision of the {@code Sampled} key. */
    public enum Sampling {
        /** {@code Sampled=1}: X-Ray records this trace. */
        SAMPLED,
        /** {@code Sampled=0}: nothing is sent to X-Ray. */
        NOT_SAMPLED,
        /** {@code Sampled=?}: the downstream service is asked to decide. */
        REQUESTED,
        /** No {@code Sampled} key. */
        UNKNOWN
    }

    private final String root;
    private final String parent;
    private final Sampling sampling;
    private final String lineage;
    private final Map<String, String> otherKeys;

    private TraceHeader(String root, String parent, Sampling sampling, String lineage,
                        Map<String, String> otherKeys) {
        this.root = root;
        this.parent = parent;
        this.sampling = sampling;
        this.lineage = lineage;
        this.otherKeys = otherKeys;
    }

    /**
     * Parses a header. Keys are case-insensitive and may be surrounded by spaces; Root is required, Parent
     * and Sampled are optional (a header without Parent is what a caller sends before any segment exists).
     *
     * @throws MalformedTraceHeaderException naming what is wrong, when the header cannot be trusted
     */
    public static TraceHeader parse(String header) {
        if (header == null || header.isBlank()) {
            throw new MalformedTraceHeaderException("the trace header is empty");
        }
        String root = null;
        String parent = null;
        Sampling sampling = Sampling.UNKNOWN;
        String lineage = null;
        Map<String, String> others = null;
        // By index rather than split/trim/substring: this runs once per invocation, and only the values kept
        // (Root, Parent, ...) become strings.
        int length = header.length();
        for (int fieldStart = 0; fieldStart < length; ) {
            int fieldEnd = header.indexOf(';', fieldStart);
            if (fieldEnd < 0) {
                fieldEnd = length;
            }
            int from = skipSpace(header, fieldStart, fieldEnd);
            int to = trimEnd(header, from, fieldEnd);
            fieldStart = fieldEnd + 1;
            if (from == to) {
                continue;
            }
            int eq = header.indexOf('=', from);
            if (eq < 0 || eq >= to || eq == from) {
                throw new MalformedTraceHeaderException("'" + quoted(header, from, to) + "' is not key=value");
            }
            int keyEnd = trimEnd(header, from, eq);
            int valueFrom = skipSpace(header, eq + 1, to);
            if (isKey(header, from, keyEnd, "root")) {
                root = requireTraceId(header, valueFrom, to);
            } else if (isKey(header, from, keyEnd, "parent")) {
                parent = requireSegmentId(header, valueFrom, to);
            } else if (isKey(header, from, keyEnd, "sampled")) {
                sampling = parseSampling(header, valueFrom, to);
            } else if (isKey(header, from, keyEnd, "lineage")) {
                if (valueFrom == to) {
                    throw new MalformedTraceHeaderException("Lineage is empty in trace header '"
                            + Diagnostics.shorten(header) + "'");
                }
                lineage = header.substring(valueFrom, to);
            } else {
                if (others == null) {
                    others = new LinkedHashMap<>();
                }
                others.put(header.substring(from, keyEnd), header.substring(valueFrom, to));
            }
        }
        if (root == null) {
            throw new MalformedTraceHeaderException("trace header '" + Diagnostics.shorten(header) + "' has no Root");
        }
        return new TraceHeader(root, parent, sampling, lineage,
                others == null ? Map.of() : Collections.unmodifiableMap(others));
    }

    /** Whether {@code value} is an X-Ray trace id: {@code 1-<8 hex digits>-<24 hex digits>}. */
    public static boolean isTraceId(String value) {
        return value != null && value.length() == 35 && value.charAt(0) == '1' && value.charAt(1) == '-'
                && isHex(value, 2, 10) && value.charAt(10) == '-' && isHex(value, 11, 35);
    }

    /** Whether {@code value} is an X-Ray segment id: 16 hex digits. */
    public static boolean isSegmentId(String value) {
        return value != null && value.length() == 16 && isHex(value, 0, 16);
    }

    /** The trace id, {@code 1-<epoch seconds in hex>-<96 random bits in hex>}. */
    public String root() {
        return root;
    }

    /** The id of the parent segment, or {@code null} when the header has none. */
    public String parent() {
        return parent;
    }

    public Sampling sampling() {
        return sampling;
    }

    /** Whether X-Ray records this trace ({@code Sampled=1}). */
    public boolean isSampled() {
        return sampling == Sampling.SAMPLED;
    }

    /** The {@code Lineage} value (loop detection between Lambda, SQS and SNS), or {@code null}. */
    public String lineage() {
        return lineage;
    }

    /** Keys this class does not interpret, in the order they came. */
    public Map<String, String> otherKeys() {
        return otherKeys;
    }

    /** The header in its wire form, with the keys this class knows first. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(96).append("Root=").append(root);
        if (parent != null) {
            out.append(";Parent=").append(parent);
        }
        switch (sampling) {
            case SAMPLED:
                out.append(";Sampled=1");
                break;
            case NOT_SAMPLED:
                out.append(";Sampled=0");
                break;
            case REQUESTED:
                out.append(";Sampled=?");
                break;
            default:
                break;
        }
        if (lineage != null) {
            out.append(";Lineage=").append(lineage);
        }
        otherKeys.forEach((k, v) -> out.append(';').append(k).append('=').append(v));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TraceHeader)) {
            return false;
        }
        TraceHeader that = (TraceHeader) o;
        return root.equals(that.root) && Objects.equals(parent, that.parent) && sampling == that.sampling
                && Objects.equals(lineage, that.lineage) && otherKeys.equals(that.otherKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, parent, sampling, lineage, otherKeys);
    }

    private static String requireTraceId(String header, int from, int to) {
        if (!(to - from == 35 && header.charAt(from) == '1' && header.charAt(from + 1) == '-'
                && isHex(header, from + 2, from + 10) && header.charAt(from + 10) == '-'
                && isHex(header, from + 11, to))) {
            throw new MalformedTraceHeaderException("Root '" + quoted(header, from, to) + "' is not an X-Ray "
                    + "trace id (1-<8 hex>-<24 hex>)");
        }
        return header.substring(from, to);
    }

    private static String requireSegmentId(String header, int from, int to) {
        if (!(to - from == 16 && isHex(header, from, to))) {
            throw new MalformedTraceHeaderException("Parent '" + quoted(header, from, to)
                    + "' is not 16 hex digits");
        }
        return header.substring(from, to);
    }

    private static Sampling parseSampling(String header, int from, int to) {
        if (to - from == 1) {
            switch (header.charAt(from)) {
                case '1':
                    return Sampling.SAMPLED;
                case '0':
                    return Sampling.NOT_SAMPLED;
                case '?':
                    return Sampling.REQUESTED;
                default:
                    break;
            }
        }
        throw new MalformedTraceHeaderException("Sampled '" + quoted(header, from, to)
                + "' is not 1, 0 or ?");
    }

    /**
     * The bad part of a header, shortened, for a message: it names what is wrong and quotes only that, once,
     * so a 10 KB header gives a short message rather than one holding the header twice.
     */
    private static String quoted(String header, int from, int to) {
        return Diagnostics.shorten(header.substring(from, to));
    }

    /** Whether {@code header[from, to)} is {@code lowerCaseKey}, ignoring ASCII case. */
    private static boolean isKey(String header, int from, int to, String lowerCaseKey) {
        if (to - from != lowerCaseKey.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseKey.length(); i++) {
            char c = header.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseKey.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first index in {@code [from, to)} that is not a space or control character (as String.trim), or to. */
    private static int skipSpace(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /** {@code to} moved back over trailing spaces and control characters, not below {@code from}. */
    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
