package dev.lambdalens.testing.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;

/** Generates X-Ray trace headers the way Lambda's front end does for a new trace. */
public final class TraceHeaders {
    private static final Random RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TraceHeaders() {
    }

    /** {@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>}. */
    public static String generate(Clock clock, boolean sampled) {
        long epochSeconds = clock.instant().getEpochSecond();
        return "Root=1-" + String.format("%08x", epochSeconds) + "-" + randomHex(12)
                + ";Parent=" + randomHex(8) + ";Sampled=" + (sampled ? "1" : "0");
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HEX.formatHex(buffer);
    }
}
