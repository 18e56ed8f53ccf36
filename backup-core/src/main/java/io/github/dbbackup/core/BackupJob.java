package io.github.dbbackup.core;

import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneFailure;
import io.github.dbbackup.core.retention.PrunePlan;
import io.github.dbbackup.core.retention.PruneResult;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled job a host runs (e.g. daily at 03:00 UTC): one backup, then a prune, but the prune
 * only when the backup succeeded. A failed backup never triggers a prune, so a run of failures
 * cannot thin out the sets that still restore. Immutable and thread-safe; the host's scheduler
 * decides when and how often {@link #run()} is called.
 *
 * <pre>{@code
 * BackupJob job = BackupJob.of(backups, pruner);
 * try {
 *     BackupJobResult result = job.run();
 *     if (!result.isComplete()) {
 *         log.warn("backup {} done, prune unfinished: {}", result.backup().id(), result.prune().failures());
 *     }
 * } catch (BackupException e) {
 *     log.error("backup failed, nothing pruned: {}", e.getMessage());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class BackupJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);

    private final Backups backups;
    private final BackupPruner pruner;

    private BackupJob(Backups backups, BackupPruner pruner) {
        this.backups = backups;
        this.pruner = pruner;
    }

    /**
     * Creates the job.
     *
     * @param backups the configured backup
     * @param pruner the pruner of the same store
     * @return the job
     * @throws BackupConfigurationException when the pruner's store is not the backup's store (the
     *     job would prune a store it does not back up into)
     */
    public static BackupJob of(Backups backups, BackupPruner pruner) {
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(pruner, "pruner");
        if (backups.store() != pruner.store()) {
            throw new BackupConfigurationException("BackupJob: the pruner's store (" + pruner.store().describe()
                    + ") is not the backup's store (" + backups.store().describe() + "); build both with the same"
                    + " BlobStore instance");
        }
        return new BackupJob(backups, pruner);
    }

    /**
     * Runs one backup and, only when it succeeded, one prune. A prune that fails does not undo or
     * hide the backup: its failures are in the result.
     *
     * @return the new set and what the prune did
     * @throws BackupException the backup's failure ({@code DATABASE_BACKUP_FAILED} was recorded);
     *     nothing was pruned
     */
    public BackupJobResult run() {
        BackupResult backup = backups.backup();
        PruneResult prune;
        try {
            prune = pruner.prune();
        } catch (RuntimeException e) {
            LOG.warn("{}: backup complete, but the prune after it failed; nothing was deleted: {}", backup.id(),
                    e.getMessage());
            String key = e instanceof BackupStorageException s && s.key() != null ? s.key() : "";
            PrunePlan empty = new PrunePlan(pruner.clock().instant(), pruner.policy(), pruner.incompleteGracePeriod(), List.of());
            prune = new PruneResult(empty, List.of(), List.of(), List.of(new PruneFailure("", key,
                    "Pruning failed before deleting anything: " + e.getMessage())));
        }
        return new BackupJobResult(backup, prune);
    }
}
