package dev.lambdalens.core.internal;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.TraceHeader;

/**
 * Finds the current invocation's trace header: {@code Context.getXrayTraceId()} first (the only source that
 * is per invocation when several run at once), then the runtime client's system property, then Lambda's
 * environment variable. A malformed header is reported once and treated as absent.
 */
public final class TraceHeaderResolver {
    private final Configuration environment;
    private final Configuration systemProperties;
    private final Diagnostics diagnostics;

    public TraceHeaderResolver(Configuration environment, Configuration systemProperties, Diagnostics diagnostics) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.diagnostics = diagnostics;
    }

    /** The parsed header, or {@code null} when there is none or it is malformed. Never throws. */
    public TraceHeader resolve(Context context) {
        String header = fromContext(context);
        if (header == null) {
            header = systemProperties.get(TraceHeader.SYSTEM_PROPERTY, null);
        }
        if (header == null) {
            header = environment.get(TraceHeader.ENVIRONMENT_VARIABLE, null);
        }
        if (header == null) {
            return null;
        }
        try {
            return TraceHeader.parse(header);
        } catch (IllegalArgumentException e) {
            diagnostics.reportOnce("trace-header:malformed",
                    "ignoring a malformed X-Ray trace header: " + e.getMessage()
                            + "; log lines and metrics of such invocations carry no trace id");
            return null;
        }
    }

    private String fromContext(Context context) {
        if (context == null) {
            return null;
        }
        try {
            String header = context.getXrayTraceId();
            return header == null || header.isBlank() ? null : header;
        } catch (RuntimeException | AbstractMethodError e) {
            // A Context written against aws-lambda-java-core before 1.4.0 has no such method.
            return null;
        }
    }
}
