package dev.lambdalens.core.internal;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random bits that differ between execution environments, also between environments restored from one SnapStart
 * snapshot: {@link ThreadLocalRandom}'s bits mixed with a salt drawn again after each restore.
 *
 * <p>Why: every environment restored from one snapshot continues the snapshot's {@link ThreadLocalRandom}
 * sequences (its seeder and each thread's seed are in the snapshot), so ids and sampling decisions made from
 * them alone repeat across environments. The salt is 0 until the first restore: an environment that was never
 * snapshotted is not shared, and loads no {@link SecureRandom} for it. Allocation-free and lock-free per draw.
 */
public final class EnvironmentRandom {
    private static volatile long salt;

    private EnvironmentRandom() {
    }

    /** 64 random bits. */
    public static long nextLong() {
        // An xor with the salt: the same bits under different salts differ, and uniform bits stay uniform.
        return ThreadLocalRandom.current().nextLong() ^ salt;
    }

    /** A random number at least 0 and less than 1. */
    public static double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * After a restore: draws a new salt from the operating system's entropy, which the snapshot does not hold
     * (each call of {@link SecureRandom}'s default generator on Linux reads {@code /dev/urandom}).
     */
    public static void reseed() {
        salt = new SecureRandom().nextLong();
    }

    /**
     * Before a snapshot: loads {@link SecureRandom}'s classes, so that {@link #reseed()} after the restore does not
     * pay for them. Draws nothing.
     */
    public static void prepareForRestore() {
        new SecureRandom();
    }

    /** The salt in use; for tests. */
    static long salt() {
        return salt;
    }
}
