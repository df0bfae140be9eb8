package dev.lambdalens.tracing.internal;

import dev.lambdalens.tracing.CaptureMode;

/** Whether a traced method records its response and its error, resolved from a mode and the environment. */
final class Capture {
    private Capture() {
    }

    static boolean response(CaptureMode mode, Tracer tracer) {
        switch (mode) {
            case RESPONSE:
            case RESPONSE_AND_ERROR:
                return true;
            case ENVIRONMENT_VAR:
                return tracer.captureResponse();
            default:
                return false;
        }
    }

    static boolean error(CaptureMode mode, Tracer tracer) {
        switch (mode) {
            case ERROR:
            case RESPONSE_AND_ERROR:
                return true;
            case ENVIRONMENT_VAR:
                return tracer.captureError();
            default:
                return false;
        }
    }
}
