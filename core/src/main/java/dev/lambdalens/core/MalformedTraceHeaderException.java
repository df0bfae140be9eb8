package dev.lambdalens.core;

/** A trace header that cannot be trusted; the message says which part is wrong. */
public final class MalformedTraceHeaderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedTraceHeaderException(String message) {
        super(message);
    }
}
