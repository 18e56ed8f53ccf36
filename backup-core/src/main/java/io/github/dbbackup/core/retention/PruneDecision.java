package io.github.dbbackup.core.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BackupPruner} does with one set, and why.
 *
 * @param id the backup id
 * @param time the set's time: its manifest's {@code createdAt} for a complete set, the time its id
 *     carries otherwise
 * @param action keep, delete or sweep
 * @param reasons every reason, e.g. {@code kept: newest complete set}, {@code kept: daily
 *     2026-11-28}, {@code kept: pinned}, {@code deleted: older than 30 days and no keep rule
 *     matched}, {@code swept: incomplete for 3 days}; never empty
 * @param bytes the stored size of all the set's blobs when the plan was made (what deleting frees)
 * @since 0.1
 */
public record PruneDecision(String id, Instant time, Action action, List<String> reasons, long bytes) {

    /** Checks the components. */
    public PruneDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("decision about '" + id + "': reasons must not be empty");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("decision about '" + id + "': bytes must not be negative");
        }
    }

    /**
     * What happens to a set.
     *
     * @since 0.1
     */
    public enum Action {
        /** The set stays. */
        KEEP,
        /** A complete set no rule keeps: its manifest is deleted first, then its other blobs. */
        DELETE,
        /** An incomplete set older than the grace period: all its blobs are deleted. */
        SWEEP
    }
}
