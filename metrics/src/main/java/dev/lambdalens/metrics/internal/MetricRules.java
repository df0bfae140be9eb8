package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.Diagnostics;

/**
 * The rules CloudWatch applies to what a function records, checked where the input arrives, and the one way
 * a broken rule is reported: once per metric and rule, through the core's diagnostics, naming both.
 */
public final class MetricRules {
    /** The longest metric name and namespace CloudWatch accepts. */
    static final int MAX_NAME_LENGTH = 255;
    /** CloudWatch rejects values outside -2^360 .. 2^360. */
    static final double MAX_MAGNITUDE = Math.scalb(1.0, 360);
    /** CloudWatch accepts metric timestamps up to 14 days in the past ... */
    static final long MAX_PAST_MILLIS = 14L * 24 * 60 * 60 * 1000;
    /** ... and up to 2 hours in the future. */
    static final long MAX_FUTURE_MILLIS = 2L * 60 * 60 * 1000;
    /**
     * The longest metadata key written. CloudWatch documents no limit, but common JSON parsers reject longer
     * names (Jackson's default is 50 000 characters), and a document nobody can parse loses every metric in it.
     */
    static final int MAX_METADATA_KEY_LENGTH = 1024;
    /** What Powertools uses when no namespace is configured; metrics still reach CloudWatch under it. */
    public static final String DEFAULT_NAMESPACE = "default_namespace";

    private MetricRules() {
    }

    /** Why {@code name} cannot name a metric, or {@code null}. */
    static String nameRule(String name) {
        if (name == null || name.isBlank()) {
            return "the name is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "the name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name.equals("_aws")) {
            return "'_aws' is reserved for the EMF metadata";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // A line break ends the name for CloudWatch's EMF parser ("^(.*)$"); other control characters
            // make names nobody can type into an alarm.
            if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return "the name holds a control character or line break";
            }
        }
        return null;
    }

    /** Why {@code value} cannot be published, or {@code null}. */
    static String valueRule(double value) {
        if (!Double.isFinite(value)) {
            return "the value " + value + " is not a finite number";
        }
        if (Math.abs(value) > MAX_MAGNITUDE) {
            return "the value " + value + " is outside CloudWatch's range -2^360..2^360";
        }
        return null;
    }

    /** Why {@code namespace} cannot be used, or {@code null}. */
    public static String namespaceRule(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return "no namespace is configured (@FlushMetrics(namespace), the builder, setNamespace or "
                    + "POWERTOOLS_METRICS_NAMESPACE)";
        }
        if (namespace.length() > MAX_NAME_LENGTH) {
            return "the namespace is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (namespace.startsWith("AWS/")) {
            return "namespaces starting with 'AWS/' are reserved for AWS services";
        }
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "the namespace holds a character that is not printable ASCII";
            }
        }
        return null;
    }

    /** Why a timestamp cannot be used at {@code nowMillis}, or {@code null}. */
    static String timestampRule(long epochMillis, long nowMillis) {
        if (epochMillis < nowMillis - MAX_PAST_MILLIS) {
            return "the timestamp is more than 14 days in the past, which CloudWatch rejects";
        }
        if (epochMillis > nowMillis + MAX_FUTURE_MILLIS) {
            return "the timestamp is more than 2 hours in the future, which CloudWatch rejects";
        }
        return null;
    }

    /** Reports that {@code subject} (e.g. "metric 'Latency'") broke {@code rule}, once per subject and rule. */
    static void report(Diagnostics diagnostics, String subject, String rule, String consequence) {
        String key = "metrics:" + abbreviate(subject) + ":" + rule;
        diagnostics.reportOnce(key, subject + ": " + rule + "; " + consequence);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120);
    }
}
