package io.github.dbbackup.examples.micronaut;

import io.github.dbbackup.core.BackupJob;
import io.github.dbbackup.core.DbBackup;
import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.jdbc.BackupLock;
import io.github.dbbackup.jdbc.JdbcAuditSink;
import io.github.dbbackup.jdbc.JdbcBackupLock;
import io.github.dbbackup.jdbc.JdbcSource;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds dbbackup's objects once, from {@code application.yml} and the Hikari {@link DataSource}
 * that Micronaut configures from {@code datasources.default.*}. Replace any of these beans
 * ({@code @Replaces}) to change one piece: your own {@link BackupPlan}, an S3 {@link BlobStore}, a
 * fixed {@link Clock} in tests.
 */
@Factory
public class BackupBeans {

    /**
     * What "now" is for backup ids, retention and health; replaced in tests.
     *
     * @return the UTC system clock
     */
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Reads and checks the {@code dbbackup.*} settings.
     *
     * @param cronSecret {@code dbbackup.cron-secret} ({@code CRON_SECRET}); empty disables the endpoint
     * @param storeDirectory {@code dbbackup.store.directory} ({@code DBBACKUP_STORE_DIRECTORY})
     * @param plan {@code dbbackup.plan}
     * @param lockName {@code dbbackup.lock-name}
     * @param maxAge {@code dbbackup.retention.max-age}
     * @param keepLast {@code dbbackup.retention.keep-last}
     * @param keepDaily {@code dbbackup.retention.keep-daily}
     * @param keepWeekly {@code dbbackup.retention.keep-weekly}
     * @param keepMonthly {@code dbbackup.retention.keep-monthly}
     * @param staleAfter {@code dbbackup.health.stale-after}
     * @return the settings
     */
    @Singleton
    public ServiceSettings settings(
            @Value("${dbbackup.cron-secret:}") String cronSecret,
            @Value("${dbbackup.store.directory:dbbackup-store}") String storeDirectory,
            @Value("${dbbackup.plan:qa-app}") String plan,
            @Value("${dbbackup.lock-name:dbbackup}") String lockName,
            @Value("${dbbackup.retention.max-age:30d}") Duration maxAge,
            @Value("${dbbackup.retention.keep-last:0}") int keepLast,
            @Value("${dbbackup.retention.keep-daily:0}") int keepDaily,
            @Value("${dbbackup.retention.keep-weekly:0}") int keepWeekly,
            @Value("${dbbackup.retention.keep-monthly:0}") int keepMonthly,
            @Value("${dbbackup.health.stale-after:26h}") Duration staleAfter) {
        return new ServiceSettings(cronSecret, Path.of(storeDirectory), plan, lockName, maxAge, keepLast, keepDaily,
                keepWeekly, keepMonthly, staleAfter);
    }

    /**
     * The store the sets go to.
     *
     * @param settings the settings
     * @return a file-system store on {@code dbbackup.store.directory}
     */
    /**
     * The store the sets live in.
     *
     * @param settings the service settings (store directory)
     * @return the store
     */
    @Singleton
    public BlobStore store(ServiceSettings settings) {
        return FileSystemBlobStore.of(settings.storeDirectory());
    }

    /**
     * Where audit events go: the log and the application's {@code audit_log} table.
     *
     * @param dataSource the application database
     * @return the sink
     */
    @Singleton
    public AuditSink audit(DataSource dataSource) {
        return AuditSink.all(AuditSink.slf4j(), JdbcAuditSink.of(dataSource));
    }

    /**
     * The one wiring point: the store, the audit sink and the clock every dbbackup operation of this
     * service uses.
     *
     * @param store the store
     * @param audit the audit sink
     * @param clock the clock
     * @return the wired dbbackup
     */
    @Singleton
    public DbBackup dbBackup(BlobStore store, AuditSink audit, Clock clock) {
        return DbBackup.configure().store(store).audit(audit).clock(clock).load();
    }

    /**
     * The plan: what is backed up and what is left out, and why.
     *
     * @param settings the service settings
     * @return the plan
     */
    @Singleton
    public BackupPlan plan(ServiceSettings settings) {
        return QaAppPlan.plan();
    }

    /**
     * The nightly job: one backup of the application database, then a prune by the retention settings.
     *
     * @param db the wiring
     * @param dataSource the application database
     * @param plan the plan
     * @param settings the retention settings
     * @return the job
     */
    @Singleton
    public BackupJob job(DbBackup db, DataSource dataSource, BackupPlan plan, ServiceSettings settings) {
        return db.job(db.backups().source(JdbcSource.of(dataSource)).plan(plan).build(), settings.retention());
    }

    /**
     * The catalog of the store, for listings and the health indicator.
     *
     * @param db the wiring
     * @return the catalog
     */
    @Singleton
    public BackupCatalog catalog(DbBackup db) {
        return db.catalog();
    }

    @Singleton
    public BackupLock backupLock(DataSource dataSource) {
        return JdbcBackupLock.of(dataSource);
    }
}
