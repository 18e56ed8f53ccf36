package io.github.dbbackup.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Blobs under a backup id without a manifest: a backup that failed or is still running, or a set
 * whose deletion was interrupted. Never offered as a backup; {@link io.github.dbbackup.core.retention.BackupPruner} sweeps it once its
 * id's time is older than the grace period (default 24 hours).
 *
 * @param id the backup id
 * @param startedAt the UTC time the id carries (when its backup started, to the second)
 * @param keys the keys of its blobs, sorted
 * @param bytes their stored size
 * @since 0.1
 */
public record IncompleteSet(String id, Instant startedAt, List<String> keys, long bytes) {

    /** Checks the components. */
    public IncompleteSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        keys = List.copyOf(keys);
        if (bytes < 0) {
            throw new IllegalArgumentException("incomplete set '" + id + "': bytes must not be negative");
        }
    }
}
