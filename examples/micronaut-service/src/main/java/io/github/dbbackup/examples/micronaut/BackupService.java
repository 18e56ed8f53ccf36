package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.BackupJob;
import io.github.dbbackup.core.BackupJobResult;
import io.github.dbbackup.jdbc.BackupLock;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link BackupJob} at most once at a time: an in-process guard first (cheap, and it
 * answers a second request at once), then the cross-replica {@link BackupLock}, held for the whole
 * backup and prune. Thread-safe; the schedule and the endpoint both go through {@link #runOnce}.
 */
@Singleton
public class BackupService {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final BackupJob job;
    private final BackupLock lock;
    private final ServiceSettings settings;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Creates the service.
     *
     * @param job the backup-then-prune job
     * @param lock the cross-replica lock
     * @param settings the settings (the lock's name)
     */
    public BackupService(BackupJob job, BackupLock lock, ServiceSettings settings) {
        this.job = Objects.requireNonNull(job, "job");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What one attempt did. */
    public sealed interface Outcome permits Completed, Busy {
    }

    /**
     * The backup ran and succeeded; the prune after it may have left failures.
     *
     * @param result the new set and what the prune did
     */
    public record Completed(BackupJobResult result) implements Outcome {
    }

    /**
     * Nothing ran: another backup is running, here or in another replica.
     *
     * @param reason which of the two
     */
    public record Busy(String reason) implements Outcome {
    }

    /**
     * Runs one backup and, after it succeeded, one prune, unless a backup is already running.
     *
     * @param trigger what asked for it ({@code schedule}, {@code endpoint}), for the log
     * @return what happened
     * @throws io.github.dbbackup.core.BackupException when the backup failed ({@code DATABASE_BACKUP_FAILED}
     *     was recorded and nothing was pruned) or the lock could not be asked
     */
    public Outcome runOnce(String trigger) {
        if (!running.compareAndSet(false, true)) {
            LOG.info("Backup requested by {} skipped: a backup is already running in this instance", trigger);
            return new Busy("a backup is already running in this instance");
        }
        try {
            Optional<BackupLock.Handle> held = lock.tryLock(settings.lockName());
            if (held.isEmpty()) {
                LOG.info("Backup requested by {} skipped: another instance holds lock '{}'", trigger, settings.lockName());
                return new Busy("another instance is running a backup (lock '" + settings.lockName() + "')");
            }
            try (BackupLock.Handle lockHeld = held.get()) {
                LOG.info("Backup requested by {} starting (holding lock '{}')", trigger, lockHeld.name());
                BackupJobResult result = job.run();
                if (result.isComplete()) {
                    LOG.info("{}: backup of {} rows ({} bytes) done in {} ms; pruned {}", result.backup().id(),
                            result.backup().totalRows(), result.backup().totalBytes(),
                            result.backup().duration().toMillis(), result.prune().deleted());
                } else {
                    LOG.warn("{}: backup done, prune unfinished: {}", result.backup().id(), result.prune().failures());
                }
                return new Completed(result);
            }
        } finally {
            running.set(false);
        }
    }

    /**
     * Returns whether this instance is running a backup now.
     *
     * @return {@code true} while {@link #runOnce} is in progress
     */
    public boolean isRunning() {
        return running.get();
    }
}
