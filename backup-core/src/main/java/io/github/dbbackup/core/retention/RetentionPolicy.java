package io.github.dbbackup.core.retention;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which complete backup sets to keep. Immutable and thread-safe; built from static factories and
 * combined with {@link #and}.
 *
 * <p>Every rule <em>keeps</em> sets; a set kept by any rule is kept, and a set no rule keeps is
 * deleted by {@link BackupPruner}. The rules (restic's, plus the runbook's maximum age):
 * <ul>
 *   <li>{@link #maxAge(Duration)}: keep every set younger than the duration, measured from now
 *       (the pruner's clock);</li>
 *   <li>{@link #keepWithin(Duration)}: keep every set created within the duration before the
 *       newest complete set (so it keeps working when backups stop);</li>
 *   <li>{@link #keepLast(int)}: keep the newest {@code n} sets;</li>
 *   <li>{@link #keepDaily(int)}, {@link #keepWeekly(int)}, {@link #keepMonthly(int)},
 *       {@link #keepYearly(int)}: calendar buckets in UTC (ISO weeks, Monday to Sunday). Walking the
 *       sets from newest to oldest, keep the newest set of each of the last {@code n} buckets that
 *       hold a set. Buckets without a set do not count: {@code keepDaily(7)} keeps the newest set of
 *       each of the 7 most recent days that have one.</li>
 * </ul>
 * Sets are placed in time by their manifest's {@code createdAt}. A count of 0 turns its rule off
 * (handy when counts come from configuration), but a policy whose rules are all off keeps nothing
 * and is refused by {@link BackupPruner.Builder#build()}. Whatever the policy, the pruner never
 * deletes the newest complete set, the newest verified set, or a pinned set.
 *
 * <pre>{@code
 * RetentionPolicy policy = RetentionPolicy.keepDaily(7)
 *     .and(RetentionPolicy.keepWeekly(4))
 *     .and(RetentionPolicy.keepMonthly(12));
 * }</pre>
 *
 * @since 0.1
 */
public final class RetentionPolicy {

    /** The default maximum age: 30 days, as the runbook keeps. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    /** A calendar bucket rule: a name for reasons and the bucket label of an instant. */
    private enum Bucket {
        DAILY("daily", t -> date(t).toString()),
        WEEKLY("weekly", t -> String.format("%d-W%02d", date(t).get(IsoFields.WEEK_BASED_YEAR),
                date(t).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))),
        MONTHLY("monthly", t -> String.format("%d-%02d", date(t).getYear(), date(t).getMonthValue())),
        YEARLY("yearly", t -> Integer.toString(date(t).getYear()));

        private final String word;
        private final Function<Instant, String> label;

        Bucket(String word, Function<Instant, String> label) {
            this.word = word;
            this.label = label;
        }

        private static LocalDate date(Instant t) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC);
        }
    }

    private final Duration maxAge;
    private final Duration keepWithin;
    private final int keepLast;
    private final int[] buckets;

    private RetentionPolicy(Duration maxAge, Duration keepWithin, int keepLast, int[] buckets) {
        this.maxAge = maxAge;
        this.keepWithin = keepWithin;
        this.keepLast = keepLast;
        this.buckets = buckets.clone();
    }

    private static RetentionPolicy bucket(Bucket bucket, String property, int n) {
        requireCount(property, n);
        int[] counts = new int[Bucket.values().length];
        counts[bucket.ordinal()] = n;
        return new RetentionPolicy(null, null, 0, counts);
    }

    private static void requireCount(String property, int n) {
        if (n < 0) {
            throw new BackupConfigurationException("retention." + property + " was " + n
                    + " but it must be at least 0 (0 turns the rule off)");
        }
    }

    private static Duration requirePositive(String property, Duration d) {
        Objects.requireNonNull(d, property);
        if (d.isZero() || d.isNegative()) {
            throw new BackupConfigurationException("retention." + property + " was '" + d + "' but it must be positive");
        }
        return d;
    }

    /**
     * The default policy: {@link #maxAge(Duration) maxAge} 30 days.
     *
     * @return the policy
     */
    public static RetentionPolicy defaults() {
        return maxAge(DEFAULT_MAX_AGE);
    }

    /**
     * Keeps every set younger than {@code age}, measured from now (the pruner's clock): older sets
     * are deleted unless another rule keeps them.
     *
     * @param age the maximum age, positive (the default policy uses 30 days)
     * @return the policy
     * @throws BackupConfigurationException when {@code age} is not positive
     */
    public static RetentionPolicy maxAge(Duration age) {
        return new RetentionPolicy(requirePositive("maxAge", age), null, 0, new int[Bucket.values().length]);
    }

    /**
     * Keeps every set created within {@code duration} before the newest complete set (restic's
     * {@code --keep-within}); unlike {@link #maxAge}, it does not shrink when backups stop.
     *
     * @param duration the window, positive
     * @return the policy
     * @throws BackupConfigurationException when {@code duration} is not positive
     */
    public static RetentionPolicy keepWithin(Duration duration) {
        return new RetentionPolicy(null, requirePositive("keepWithin", duration), 0, new int[Bucket.values().length]);
    }

    /**
     * Keeps the newest {@code n} sets.
     *
     * @param n how many; 0 turns the rule off
     * @return the policy
     * @throws BackupConfigurationException when {@code n} is negative
     */
    public static RetentionPolicy keepLast(int n) {
        requireCount("keepLast", n);
        return new RetentionPolicy(null, null, n, new int[Bucket.values().length]);
    }

    /**
     * Keeps the newest set of each of the last {@code n} UTC days that have a set.
     *
     * @param n how many days; 0 turns the rule off
     * @return the policy
     * @throws BackupConfigurationException when {@code n} is negative
     */
    public static RetentionPolicy keepDaily(int n) {
        return bucket(Bucket.DAILY, "keepDaily", n);
    }

    /**
     * Keeps the newest set of each of the last {@code n} ISO weeks (Monday to Sunday, UTC) that have
     * a set.
     *
     * @param n how many weeks; 0 turns the rule off
     * @return the policy
     * @throws BackupConfigurationException when {@code n} is negative
     */
    public static RetentionPolicy keepWeekly(int n) {
        return bucket(Bucket.WEEKLY, "keepWeekly", n);
    }

    /**
     * Keeps the newest set of each of the last {@code n} UTC calendar months that have a set.
     *
     * @param n how many months; 0 turns the rule off
     * @return the policy
     * @throws BackupConfigurationException when {@code n} is negative
     */
    public static RetentionPolicy keepMonthly(int n) {
        return bucket(Bucket.MONTHLY, "keepMonthly", n);
    }

    /**
     * Keeps the newest set of each of the last {@code n} UTC calendar years that have a set.
     *
     * @param n how many years; 0 turns the rule off
     * @return the policy
     * @throws BackupConfigurationException when {@code n} is negative
     */
    public static RetentionPolicy keepYearly(int n) {
        return bucket(Bucket.YEARLY, "keepYearly", n);
    }

    /**
     * Combines two policies: a set is kept when either keeps it. When both set the same rule, the
     * larger value wins (the union of {@code keepDaily(7)} and {@code keepDaily(3)} is
     * {@code keepDaily(7)}).
     *
     * @param other the other policy
     * @return the combined policy
     */
    public RetentionPolicy and(RetentionPolicy other) {
        Objects.requireNonNull(other, "other");
        int[] counts = new int[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(buckets[i], other.buckets[i]);
        }
        return new RetentionPolicy(longer(maxAge, other.maxAge), longer(keepWithin, other.keepWithin),
                Math.max(keepLast, other.keepLast), counts);
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Returns whether no rule is on, so that the policy would keep nothing.
     *
     * @return {@code true} when every count is 0 and no duration is set
     */
    public boolean isEmpty() {
        if (maxAge != null || keepWithin != null || keepLast > 0) {
            return false;
        }
        for (int n : buckets) {
            if (n > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decides, for each set, which rules keep it.
     *
     * @param newestFirst the complete sets, newest first
     * @param now the pruner's "now"
     * @return for every set id, the reasons it is kept (e.g. {@code kept: daily 2026-11-28}); an
     *     empty list when no rule keeps it
     */
    Map<String, List<String>> keepReasons(List<BackupSetInfo> newestFirst, Instant now) {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(s -> reasons.put(s.id(), new ArrayList<>()));
        if (newestFirst.isEmpty()) {
            return reasons;
        }
        Instant newest = newestFirst.get(0).createdAt();
        for (int i = 0; i < newestFirst.size(); i++) {
            BackupSetInfo set = newestFirst.get(i);
            List<String> r = reasons.get(set.id());
            if (maxAge != null && Duration.between(set.createdAt(), now).compareTo(maxAge) < 0) {
                r.add("kept: younger than " + Durations.describe(maxAge) + " (max age)");
            }
            if (keepWithin != null && Duration.between(set.createdAt(), newest).compareTo(keepWithin) < 0) {
                r.add("kept: within " + Durations.describe(keepWithin) + " of the newest set");
            }
            if (i < keepLast) {
                r.add("kept: last " + keepLast);
            }
        }
        for (Bucket bucket : Bucket.values()) {
            int remaining = buckets[bucket.ordinal()];
            String last = null;
            for (BackupSetInfo set : newestFirst) {
                if (remaining == 0) {
                    break;
                }
                String label = bucket.label.apply(set.createdAt());
                if (!label.equals(last)) {
                    reasons.get(set.id()).add("kept: " + bucket.word + " " + label);
                    last = label;
                    remaining--;
                }
            }
        }
        return reasons;
    }

    /**
     * Returns the reason a set that no rule keeps is deleted.
     *
     * @return e.g. {@code deleted: older than 30 days and no keep rule matched}
     */
    String deleteReason() {
        if (maxAge != null) {
            return "deleted: older than " + Durations.describe(maxAge) + " and no keep rule matched";
        }
        return "deleted: no keep rule matched (" + this + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy p && Objects.equals(maxAge, p.maxAge)
                && Objects.equals(keepWithin, p.keepWithin) && keepLast == p.keepLast
                && java.util.Arrays.equals(buckets, p.buckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAge, keepWithin, keepLast, java.util.Arrays.hashCode(buckets));
    }

    /**
     * Describes the rules that are on, e.g. {@code maxAge 30 days, keepDaily 7, keepWeekly 4}.
     *
     * @return the description; {@code no rules} when the policy is empty
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (maxAge != null) {
            parts.add("maxAge " + Durations.describe(maxAge));
        }
        if (keepWithin != null) {
            parts.add("keepWithin " + Durations.describe(keepWithin));
        }
        if (keepLast > 0) {
            parts.add("keepLast " + keepLast);
        }
        String[] names = {"keepDaily", "keepWeekly", "keepMonthly", "keepYearly"};
        for (Bucket bucket : Bucket.values()) {
            if (buckets[bucket.ordinal()] > 0) {
                parts.add(names[bucket.ordinal()] + " " + buckets[bucket.ordinal()]);
            }
        }
        return parts.isEmpty() ? "no rules" : String.join(", ", parts);
    }
}
