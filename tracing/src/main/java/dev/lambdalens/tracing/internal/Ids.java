package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.internal.EnvironmentRandom;

import java.util.HexFormat;

/** X-Ray entity ids: 16 lower-case hex digits, random, never all zero. */
final class Ids {
    private static final HexFormat HEX = HexFormat.of();
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Ids() {
    }

    /** A random id, for ids that only need to differ within one document (exception ids). */
    static String newId() {
        return newId(null, null);
    }

    /**
     * A random id mixed with the trace id and the id of the entity it belongs under. Why: every environment
     * restored from one SnapStart snapshot continues the snapshot's random sequences. The bits come from
     * {@link EnvironmentRandom}, whose salt is drawn again after each restore; the parent id (Lambda's segment id
     * for a handler subsegment, or a parent subsegment's own id), which differs per invocation, is mixed in as
     * well, so ids stay unique even if the salt could not be drawn.
     */
    static String newId(String traceId, String parentId) {
        String id;
        do {
            id = mix(EnvironmentRandom.nextLong(), traceId, parentId);
        } while (id == null);
        return id;
    }

    /** The id for {@code random} bits under {@code traceId} and {@code parentId}, or {@code null} if all zero. */
    static String mix(long random, String traceId, String parentId) {
        long value = random ^ hash(hash(FNV_OFFSET, traceId), parentId);
        if (value == 0) {
            return null;
        }
        // HexFormat hands its digits to the String it returns: one array and the String, no copy.
        return HEX.toHexDigits(value);
    }

    private static long hash(long hash, String text) {
        if (text == null) {
            return hash;
        }
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}
