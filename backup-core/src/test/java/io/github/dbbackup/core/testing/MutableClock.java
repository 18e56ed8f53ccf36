package io.github.dbbackup.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A {@link Clock} that stands still until a test moves it. Thread-safe. */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    /**
     * Creates a UTC clock standing at {@code start}.
     *
     * @param start the instant
     */
    public MutableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    /**
     * Creates a clock standing at {@code start} in {@code zone}.
     *
     * @param start the instant
     * @param zone the zone
     */
    public MutableClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Creates a UTC clock standing at an ISO-8601 instant.
     *
     * @param iso e.g. {@code 2026-11-29T03:00:00Z}
     * @return the clock
     */
    public static MutableClock at(String iso) {
        return new MutableClock(Instant.parse(iso));
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param duration how far
     * @return this clock
     */
    public synchronized MutableClock advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /**
     * Sets the clock.
     *
     * @param instant the new instant
     * @return this clock
     */
    public MutableClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }
}
