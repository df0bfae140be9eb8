package dev.lambdalens.tracing.internal;

import java.util.concurrent.ThreadLocalRandom;

/** X-Ray entity ids: 16 lower-case hex digits, random, never all zero. */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    static String newId() {
        long value;
        do {
            value = ThreadLocalRandom.current().nextLong();
        } while (value == 0);
        char[] chars = new char[16];
        for (int i = 15; i >= 0; i--) {
            chars[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(chars);
    }
}
