package dev.lambdalens.testing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestClockTest {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void movesOnlyWhenTold() {
        TestClock clock = TestClock.at(START);

        assertEquals(START, clock.instant());
        assertEquals(START.plusMillis(1500), clock.advance(Duration.ofMillis(1500)));
        assertEquals(START.toEpochMilli() + 1500, clock.millis());
        clock.set(START);
        assertEquals(START, clock.instant());
    }

    @Test
    void aZonedViewSharesTheTime() {
        TestClock clock = TestClock.at(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofSeconds(5));

        assertEquals(START.plusSeconds(5), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }

    @Test
    void drivesTheRemainingTimeOfATestContext() {
        TestClock clock = TestClock.at(START);
        TestContext context = TestContext.builder().clock(clock).timeout(Duration.ofSeconds(3)).build();

        assertEquals(3000, context.getRemainingTimeInMillis());
        clock.advance(Duration.ofMillis(2250));
        assertEquals(750, context.getRemainingTimeInMillis());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, context.getRemainingTimeInMillis());
    }
}
