package dev.lambdalens.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test says so, for code that takes a {@link Clock}: Lambda Lens' runtime
 * ({@code LensRuntime.builder().clock(...)}), {@link TestContext.Builder#clock(Clock)} (remaining time), metric
 * timestamps and record ages. Thread-safe; millisecond resolution, like Lambda's deadlines.
 */
public final class TestClock extends Clock {
    private final AtomicLong epochMillis;
    private final ZoneId zone;

    private TestClock(AtomicLong epochMillis, ZoneId zone) {
        this.epochMillis = epochMillis;
        this.zone = zone;
    }

    /** A clock standing at {@code instant}, in UTC. */
    public static TestClock at(Instant instant) {
        return new TestClock(new AtomicLong(instant.toEpochMilli()), ZoneOffset.UTC);
    }

    /** Moves the clock forward (or back, with a negative duration) and returns the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return Instant.ofEpochMilli(epochMillis.addAndGet(duration.toMillis()));
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        epochMillis.set(instant.toEpochMilli());
    }

    @Override
    public long millis() {
        return epochMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(epochMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone: advancing either moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(epochMillis, Objects.requireNonNull(zone, "zone"));
    }
}
