package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.BackupException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily job: at 03:00 UTC, a backup, then a prune only when the backup succeeded. Every replica
 * fires it; the lock in {@link BackupService} lets one of them run and the others skip.
 */
@Singleton
public class DailyBackup {
    private static final Logger LOG = LoggerFactory.getLogger(DailyBackup.class);

    private final BackupService service;

    /**
     * Creates the job.
     *
     * @param service the service that runs one backup at a time
     */
    public DailyBackup(BackupService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Runs the backup; never throws, so the scheduler keeps the next run. A failure is logged here and
     * recorded as {@code DATABASE_BACKUP_FAILED} in the audit log.
     *
     * @return what happened, or {@code null} when the backup failed
     */
    @Scheduled(cron = "0 0 3 * * *", zoneId = "UTC")
    public BackupService.Outcome run() {
        try {
            return service.runOnce("schedule");
        } catch (BackupException e) {
            LOG.error("Scheduled backup failed, nothing was pruned: {}", e.getMessage());
            return null;
        } catch (RuntimeException e) {
            LOG.error("Scheduled backup failed unexpectedly, nothing was pruned", e);
            return null;
        }
    }
}
