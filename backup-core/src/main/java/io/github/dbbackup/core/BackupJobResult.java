package io.github.dbbackup.core;

import io.github.dbbackup.core.retention.PruneResult;
import java.util.Objects;

/**
 * The outcome of a {@link BackupJob} run whose backup succeeded: the new set, and what the prune
 * that followed did. A run whose backup failed has no result: {@link BackupJob#run()} throws the
 * backup's failure, and nothing was pruned.
 *
 * @param backup the new complete set
 * @param prune what the prune after it did; a prune that could not even list the store is a result
 *     with no decisions and one {@link io.github.dbbackup.core.retention.PruneFailure} (whose id is empty)
 * @since 0.1
 */
public record BackupJobResult(BackupResult backup, PruneResult prune) {

    /** Checks the components. */
    public BackupJobResult {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(prune, "prune");
    }

    /**
     * Returns whether the prune was carried out completely (the backup always succeeded).
     *
     * @return {@code true} when the prune reported no failure
     */
    public boolean isComplete() {
        return prune.isComplete();
    }
}
