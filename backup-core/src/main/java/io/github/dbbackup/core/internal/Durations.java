package io.github.dbbackup.core.internal;

import java.time.Duration;

/** Durations in words for reasons and messages: {@code 30 days}, {@code 26 hours}, {@code 3 days}. */
public final class Durations {

    private Durations() {
    }

    /**
     * Describes a duration exactly, in the largest unit that divides it (days from 2 days on, so
     * that 24 hours reads as {@code 24 hours}).
     *
     * @param d the duration
     * @return e.g. {@code 30 days}, {@code 26 hours}, {@code 90 minutes}, or ISO-8601 for fractions of a second
     */
    public static String describe(Duration d) {
        if (d.isZero() || d.getNano() != 0) {
            return d.toString();
        }
        long seconds = d.getSeconds();
        if (seconds % 86_400 == 0 && seconds >= 2 * 86_400) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    /**
     * Describes an age roughly, rounded down to its largest whole unit (days from 2 days on).
     *
     * @param d the age
     * @return e.g. {@code 3 days}, {@code 25 hours}, {@code 1 minute}, {@code 0 seconds}
     */
    public static String describeAge(Duration d) {
        if (d.isNegative()) {
            return "0 seconds";
        }
        if (d.toDays() >= 2) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() > 0) {
            return plural(d.toHours(), "hour");
        }
        if (d.toMinutes() > 0) {
            return plural(d.toMinutes(), "minute");
        }
        return plural(d.getSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
