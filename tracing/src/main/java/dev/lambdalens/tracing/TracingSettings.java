package dev.lambdalens.tracing;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.SettingsReader;

import java.util.Objects;

/**
 * Every setting the tracing module reads from the function's environment, read once per runtime: when the
 * first {@link LambdaTracing.Builder#build()} names that runtime, or at the first traced invocation in it.
 * Values set in code ({@code @Tracing(captureMode = ...)}, the builder) win over these; unset or unusable
 * values give the defaults, and an unusable value is reported once, naming the setting. Immutable.
 */
public final class TracingSettings {
    /** {@code true} turns tracing off (Powertools' name). */
    public static final String TRACE_DISABLED = "POWERTOOLS_TRACE_DISABLED";
    /** Whether traced methods record their response as metadata (Powertools' name). */
    public static final String CAPTURE_RESPONSE = "POWERTOOLS_TRACER_CAPTURE_RESPONSE";
    /** Whether traced methods record their error as metadata (Powertools' name). */
    public static final String CAPTURE_ERROR = "POWERTOOLS_TRACER_CAPTURE_ERROR";
    /** Where the X-Ray daemon listens, set by Lambda ({@code 169.254.79.129:2000}, or {@code udp:... tcp:...}). */
    public static final String DAEMON_ADDRESS = "AWS_XRAY_DAEMON_ADDRESS";
    /**
     * {@code true} or {@code false}: whether subsegments also become the X-Ray SDK's current entity, so that
     * {@code AWSXRay} calls and the X-Ray SDK's AWS SDK instrumentation nest under them. Unset: on when the X-Ray
     * AWS SDK v2 instrumentation is on the class path.
     */
    public static final String SDK_INTEROP = "LAMBDA_LENS_TRACING_SDK_INTEROP";
    /**
     * Where spans go: {@code xray} (documents to the X-Ray daemon), {@code otel} (spans through the OpenTelemetry
     * API to the SDK registered as {@code GlobalOpenTelemetry}), or {@code auto}, the default: OpenTelemetry when
     * an SDK is registered when the settings are read, X-Ray otherwise.
     */
    public static final String BACKEND = "LAMBDA_LENS_TRACING_BACKEND";
    /** Where documents go when {@link #DAEMON_ADDRESS} is unset or unusable: the daemon's default address. */
    public static final String DEFAULT_DAEMON_ADDRESS = "127.0.0.1:2000";

    private final boolean enabled;
    private final boolean captureResponse;
    private final boolean captureError;
    private final boolean awsCallErrors;
    private final String daemonAddress;
    private final Boolean sdkInterop;
    private final Backend backend;

    private TracingSettings(SettingsReader settings) {
        this.enabled = !settings.bool(TRACE_DISABLED, false);
        // As Powertools v2: with captureMode ENVIRONMENT_VAR (the default) nothing is recorded unless set to true.
        this.captureResponse = settings.bool(CAPTURE_RESPONSE, false);
        Boolean error = settings.optionalBool(CAPTURE_ERROR);
        this.captureError = Boolean.TRUE.equals(error);
        // The X-Ray SDK's AWS SDK instrumentation, which Powertools uses, records a failed call's exception
        // whatever this variable says; Lens leaves it out only when the variable says false.
        this.awsCallErrors = !Boolean.FALSE.equals(error);
        String address = settings.string(DAEMON_ADDRESS, null);
        String udp = udpAddress(address);
        if (address != null && udp == null) {
            settings.invalid(DAEMON_ADDRESS, address, "names no UDP address", "documents go to "
                    + DEFAULT_DAEMON_ADDRESS);
        }
        this.daemonAddress = udp != null ? udp : DEFAULT_DAEMON_ADDRESS;
        this.sdkInterop = settings.optionalBool(SDK_INTEROP);
        this.backend = settings.enumValue(BACKEND, Backend.class, Backend.AUTO);
    }

    /** Reads the settings from {@code configuration}; what cannot be used is reported on {@code diagnostics}. */
    public static TracingSettings from(Configuration configuration, Diagnostics diagnostics) {
        return new TracingSettings(new SettingsReader(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(diagnostics, "diagnostics")));
    }

    /** Not {@value #TRACE_DISABLED}; true by default. */
    public boolean enabled() {
        return enabled;
    }

    /** {@value #CAPTURE_RESPONSE}; false by default, as in Powertools v2. */
    public boolean captureResponse() {
        return captureResponse;
    }

    /** {@value #CAPTURE_ERROR}; false by default, as in Powertools v2. */
    public boolean captureError() {
        return captureError;
    }

    /** Whether a failed AWS SDK call's subsegment keeps the exception: unless {@value #CAPTURE_ERROR} is false. */
    public boolean awsCallErrors() {
        return awsCallErrors;
    }

    /** The daemon's UDP {@code host:port} from {@value #DAEMON_ADDRESS}; {@value #DEFAULT_DAEMON_ADDRESS} by default. */
    public String daemonAddress() {
        return daemonAddress;
    }

    /** {@value #SDK_INTEROP}, or {@code null} when unset (then decided by the class path). */
    public Boolean sdkInterop() {
        return sdkInterop;
    }

    /** {@value #BACKEND}; {@link Backend#AUTO} by default. */
    public Backend backend() {
        return backend;
    }

    /** The values of {@value #BACKEND}. */
    public enum Backend {
        /** Subsegment documents sent to the X-Ray daemon. */
        XRAY,
        /** Spans through the OpenTelemetry API, to the SDK registered as {@code GlobalOpenTelemetry}. */
        OTEL,
        /** OpenTelemetry when an SDK is registered as {@code GlobalOpenTelemetry}, X-Ray otherwise. */
        AUTO
    }

    /** The UDP part of an {@code AWS_XRAY_DAEMON_ADDRESS} value, or {@code null}. */
    private static String udpAddress(String setting) {
        if (setting == null) {
            return null;
        }
        String trimmed = setting.trim();
        if (!trimmed.contains(" ")) {
            String address = trimmed.startsWith("udp:") ? trimmed.substring(4) : trimmed;
            return address.lastIndexOf(':') > 0 ? address : null;
        }
        for (String part : trimmed.split("\\s+")) {
            if (part.startsWith("udp:")) {
                return part.substring(4);
            }
        }
        return null;
    }
}
