package dev.lambdalens.logging.internal;

import java.util.Set;

/**
 * The field names Lambda Lens writes itself. A user key with one of these names would give a line with the
 * same key twice, where most JSON readers keep the last value, so such keys are renamed or refused.
 */
public final class ReservedKeys {
    /** The prefix a user key with a reserved name gets in MDC and key-value pairs. */
    public static final String RENAME_PREFIX = "extra_";

    private static final Set<String> NAMES = Set.of("timestamp", "level", "message", "logger", "service",
            "cold_start", "function_name", "function_arn", "function_version", "function_memory_size",
            "function_request_id", "xray_trace_id", "trace_id", "span_id", "tenant_id", "correlation_id", "sampling_rate",
            "error", "event",
            "response", "lambda_lens");

    private ReservedKeys() {
    }

    public static boolean isReserved(String name) {
        return NAMES.contains(name);
    }

    public static Set<String> names() {
        return NAMES;
    }
}
