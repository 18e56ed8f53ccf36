package io.github.dbbackup.core;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.RestoreTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a host wires dbbackup: the store, the audit sink, the clock and the progress
 * listeners are given once, and every operation is taken from here already configured with them.
 *
 * <pre>{@code
 * DbBackup db = DbBackup.configure()
 *         .store(FileSystemBlobStore.of(Path.of("/var/backups/app")))
 *         .audit(JdbcAuditSink.of(dataSource))
 *         .load();
 * BackupResult backup = db.backup(JdbcSource.of(dataSource), plan);
 * db.verify(backup.id(), VerificationLevel.FULL);
 * db.prune(RetentionPolicy.keepLast(7));
 * db.catalog().list();
 * db.restore(JdbcTarget.of(scratch), "latest");
 * }</pre>
 *
 * <p>For options beyond the defaults, take a pre-configured builder: {@link #backups()},
 * {@link #restorer()}, {@link #verifier()}, {@link #pruner()}. Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class DbBackup {
    private final BlobStore store;
    private final AuditSink audit;
    private final Clock clock;
    private final List<ProgressListener> listeners;

    private DbBackup(Configuration c) {
        this.store = c.store;
        this.audit = c.audit;
        this.clock = c.clock;
        this.listeners = List.copyOf(c.listeners);
    }

    /**
     * Starts a configuration.
     *
     * @return a new configuration
     */
    public static Configuration configure() {
        return new Configuration();
    }

    /**
     * Returns the store every operation uses.
     *
     * @return the store
     */
    public BlobStore store() {
        return store;
    }

    /**
     * Returns the audit sink every operation records to.
     *
     * @return the sink
     */
    public AuditSink audit() {
        return audit;
    }

    /**
     * Returns the clock every operation judges time by.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns a backup builder with this store, audit sink, clock and listeners set; add the source,
     * the plan and any option.
     *
     * @return a new single-use builder
     */
    public Backups.Builder backups() {
        Backups.Builder b = Backups.builder().store(store).audit(audit).clock(clock);
        listeners.forEach(b::listener);
        return b;
    }

    /**
     * Takes one backup with the default options; see {@link Backups#backup()}.
     *
     * @param source where the rows come from
     * @param plan what to back up
     * @return the new set
     * @throws BackupException when the backup fails (nothing of it looks complete)
     */
    public BackupResult backup(BackupSource source, BackupPlan plan) {
        return backups().source(source).plan(plan).build().backup();
    }

    /**
     * Returns a restorer builder with this store, audit sink, clock and listeners set; add the target
     * and any option.
     *
     * @return a new builder
     */
    public Restorer.Builder restorer() {
        Restorer.Builder b = Restorer.builder().store(store).audit(audit).clock(clock);
        listeners.forEach(b::listener);
        return b;
    }

    /**
     * Restores one set with the default options; see {@link Restorer#restore(String)}.
     *
     * @param target where the rows go
     * @param backupId the set's id, or {@link Restorer#LATEST}
     * @return what was restored
     * @throws BackupException when the restore fails (the target is unchanged)
     */
    public RestoreReport restore(RestoreTarget target, String backupId) {
        return restorer().target(target).build().restore(backupId);
    }

    /**
     * Returns the catalog of this store.
     *
     * @return the catalog
     */
    public BackupCatalog catalog() {
        return BackupCatalog.of(store, clock);
    }

    /**
     * Returns a verifier builder with this store, audit sink, clock and listeners set (add a scratch
     * target for {@link VerificationLevel#RESTORE_TEST}).
     *
     * @return a new builder
     */
    public BackupVerifier.Builder verifier() {
        BackupVerifier.Builder b = BackupVerifier.builder().store(store).audit(audit).clock(clock);
        listeners.forEach(b::listener);
        return b;
    }

    /**
     * Verifies one set; see {@link BackupVerifier#verify(String, VerificationLevel)}.
     *
     * @param backupId the set's id
     * @param level how deep to check
     * @return the result, also recorded in the store
     */
    public VerificationResult verify(String backupId, VerificationLevel level) {
        return verifier().build().verify(backupId, level);
    }

    /**
     * Returns a pruner builder with this store, audit sink and clock set; add the policy.
     *
     * @return a new builder
     */
    public BackupPruner.Builder pruner() {
        return BackupPruner.builder().store(store).audit(audit).clock(clock);
    }

    /**
     * Prunes the store by a policy; see {@link BackupPruner#prune()}.
     *
     * @param policy which sets to keep
     * @return what was deleted and kept, and why
     */
    public PruneResult prune(RetentionPolicy policy) {
        return pruner().policy(policy).build().prune();
    }

    /**
     * Returns the scheduled job: one backup, then a prune by {@code policy} when it succeeded.
     *
     * @param backups the configured backup, e.g. {@code db.backups().source(…).plan(…).build()}
     * @param policy which sets to keep
     * @return the job
     */
    public BackupJob job(Backups backups, RetentionPolicy policy) {
        return BackupJob.of(backups, pruner().policy(policy).build());
    }

    /**
     * How a {@link DbBackup} is configured: the store is required, the rest has defaults.
     *
     * @since 0.2
     */
    public static final class Configuration {
        private BlobStore store;
        private AuditSink audit = AuditSink.slf4j();
        private Clock clock = Clock.systemUTC();
        private final List<ProgressListener> listeners = new ArrayList<>();

        private Configuration() {
        }

        /**
         * Sets the store every set is written to and read from (required).
         *
         * @param store the store; the host keeps ownership and closes it
         * @return this configuration
         */
        public Configuration store(BlobStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets where audit events go (default: the SLF4J logger {@code io.github.dbbackup.audit}).
         *
         * @param audit the sink; {@link AuditSink#noop()} records nothing
         * @return this configuration
         */
        public Configuration audit(AuditSink audit) {
            this.audit = audit;
            return this;
        }

        /**
         * Sets the clock that names sets, stamps events and judges ages (default: the UTC system clock).
         *
         * @param clock the clock
         * @return this configuration
         */
        public Configuration clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds a listener that hears the progress of every backup, restore and verification taken from
         * the loaded {@link DbBackup} (may be called several times).
         *
         * @param listener the listener
         * @return this configuration
         */
        public Configuration listener(ProgressListener listener) {
            if (listener == null) {
                throw new BackupConfigurationException("Invalid dbbackup configuration",
                        List.of("listener was null; omit it to listen to nothing"));
            }
            listeners.add(listener);
            return this;
        }

        /**
         * Validates and loads, reporting every problem at once. The configuration can be changed and
         * loaded again; each {@link DbBackup} keeps what it was loaded with.
         *
         * @return the wired dbbackup
         * @throws BackupConfigurationException naming each missing or invalid property
         */
        public DbBackup load() {
            List<String> problems = new ArrayList<>();
            if (store == null) {
                problems.add("store is missing; pass e.g. .store(FileSystemBlobStore.of(Path.of(\"backups\")))");
            }
            if (audit == null) {
                problems.add("audit was null; pass AuditSink.noop() to record nothing");
            }
            if (clock == null) {
                problems.add("clock was null; omit it for the UTC system clock");
            }
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid dbbackup configuration", problems);
            }
            return new DbBackup(this);
        }
    }
}
