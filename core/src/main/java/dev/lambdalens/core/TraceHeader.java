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
        for (String part : header.split(";")) {
            String field = part.trim();
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new MalformedTraceHeaderException("'" + field + "' is not key=value in trace header '"
                        + header + "'");
            }
            String key = field.substring(0, eq).trim();
            String value = field.substring(eq + 1).trim();
            switch (key.toLowerCase(java.util.Locale.ROOT)) {
                case "root":
                    root = requireTraceId(value, header);
                    break;
                case "parent":
                    parent = requireSegmentId(value, header);
                    break;
                case "sampled":
                    sampling = parseSampling(value, header);
                    break;
                case "lineage":
                    if (value.isEmpty()) {
                        throw new MalformedTraceHeaderException("Lineage is empty in trace header '" + header + "'");
                    }
                    lineage = value;
                    break;
                default:
                    if (others == null) {
                        others = new LinkedHashMap<>();
                    }
                    others.put(key, value);
            }
        }
        if (root == null) {
            throw new MalformedTraceHeaderException("trace header '" + header + "' has no Root");
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

    private static String requireTraceId(String value, String header) {
        if (!isTraceId(value)) {
            throw new MalformedTraceHeaderException("Root '" + value + "' is not an X-Ray trace id "
                    + "(1-<8 hex>-<24 hex>) in trace header '" + header + "'");
        }
        return value;
    }

    private static String requireSegmentId(String value, String header) {
        if (!isSegmentId(value)) {
            throw new MalformedTraceHeaderException("Parent '" + value + "' is not 16 hex digits in trace header '"
                    + header + "'");
        }
        return value;
    }

    private static Sampling parseSampling(String value, String header) {
        switch (value) {
            case "1":
                return Sampling.SAMPLED;
            case "0":
                return Sampling.NOT_SAMPLED;
            case "?":
                return Sampling.REQUESTED;
            default:
                throw new MalformedTraceHeaderException("Sampled '" + value + "' is not 1, 0 or ? in trace header '"
                        + header + "'");
        }
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
