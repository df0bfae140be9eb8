package dev.lambdalens.tracing.internal;

import java.util.concurrent.ThreadLocalRandom;

/** X-Ray entity ids: 16 lower-case hex digits, random, never all zero. */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Ids() {
    }

    /** A random id, for ids that only need to differ within one document (exception ids). */
    static String newId() {
        return newId(null, null);
    }

    /**
     * A random id mixed with the trace id and the id of the entity it belongs under. Why: after a SnapStart restore (or with
     * {@code LambdaTracing.prime()} run before the snapshot) every restored environment continues the same
     * {@link ThreadLocalRandom} sequence, so random bits alone would repeat across environments. The parent id
     * (Lambda's segment id for a handler subsegment, or a parent subsegment's own id) differs per invocation,
     * so mixing it in keeps ids unique even when the random sequence repeats.
     */
    static String newId(String traceId, String parentId) {
        String id;
        do {
            id = mix(ThreadLocalRandom.current().nextLong(), traceId, parentId);
        } while (id == null);
        return id;
    }

    /** The id for {@code random} bits under {@code traceId} and {@code parentId}, or {@code null} if all zero. */
    static String mix(long random, String traceId, String parentId) {
        long value = random ^ hash(hash(FNV_OFFSET, traceId), parentId);
        if (value == 0) {
            return null;
        }
        char[] chars = new char[16];
        for (int i = 15; i >= 0; i--) {
            chars[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(chars);
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
