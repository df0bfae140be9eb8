package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The module's own {@link ObjectMapper}, created on first use only: the first mapper of a JVM costs about
 * 130 ms, so a function that never needs it never pays.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
