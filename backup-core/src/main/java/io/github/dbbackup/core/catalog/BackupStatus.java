package io.github.dbbackup.core.catalog;

import io.github.dbbackup.core.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How fresh the newest complete backup is, for health checks: stale when there is no complete set,
 * or when the newest one is older than the threshold (default 26 hours: a daily backup plus two
 * hours of slack).
 *
 * @param checkedAt when the status was taken
 * @param threshold the age above which the newest set is stale
 * @param latest the newest complete set, or {@code null} when there is none
 * @param age how old {@code latest} is (from its {@code createdAt}), or {@code null} when there is
 *     none; zero when its time lies in the future
 * @param stale whether there is no complete set or {@code age} is greater than {@code threshold}
 * @since 0.1
 */
public record BackupStatus(Instant checkedAt, Duration threshold, BackupSetInfo latest, Duration age, boolean stale) {

    /** Checks the components. */
    public BackupStatus {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(threshold, "threshold");
        if ((latest == null) != (age == null)) {
            throw new IllegalArgumentException("latest and age must both be present or both be absent");
        }
        if (latest == null && !stale) {
            throw new IllegalArgumentException("a status without any complete set must be stale");
        }
    }

    /**
     * Returns whether a complete set exists.
     *
     * @return {@code true} when {@link #latest()} is not {@code null}
     */
    public boolean hasBackup() {
        return latest != null;
    }

    /**
     * Describes the status in one line for a health endpoint or a log, e.g. {@code fresh: newest
     * complete set backup-20261129T030000Z-k3f9q2 is 5 hours old (threshold 26 hours)}.
     *
     * @return the description
     */
    public String message() {
        if (latest == null) {
            return "stale: there is no complete backup set; check that the backup job runs and succeeds";
        }
        String text = "newest complete set " + latest.id() + " is " + Durations.describeAge(age) + " old (threshold "
                + Durations.describe(threshold) + ")";
        return stale ? "stale: " + text + "; check that the backup job runs and succeeds" : "fresh: " + text;
    }
}
