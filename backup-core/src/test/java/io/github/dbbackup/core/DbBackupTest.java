package io.github.dbbackup.core;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.retention.PruneResult;
import io.github.dbbackup.core.retention.RetentionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbBackupTest {
    private static final TableSchema NOTES = tableWithId("notes", column("body", ValueType.STRING));
    private static final BackupPlan ALL = BackupPlan.allTablesExcept(ExclusionPolicy.none());

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final MutableClock clock = MutableClock.at("2026-12-01T03:00:00Z");
    private final FakeBackupSource source = new FakeBackupSource().table(NOTES, row("id", 1L, "body", "a"));

    @Test
    void everyOperationTakenFromOneWiringUsesItsStoreAuditAndClock() {
        DbBackup db = DbBackup.configure().store(store).audit(audit).clock(clock).load();

        BackupResult first = db.backup(source, ALL);
        clock.advance(Duration.ofDays(1));
        BackupResult second = db.backups().source(source).plan(ALL).compressionLevel(1).build().backup();

        assertThat(first.id()).startsWith("backup-20261201T030000Z");
        assertThat(second.id()).startsWith("backup-20261202T030000Z");
        assertThat(db.catalog().list()).extracting(BackupSetInfo::id).containsExactly(first.id(), second.id());
        VerificationResult verified = db.verify(second.id(), VerificationLevel.FULL);
        assertThat(verified.isOk()).isTrue();
        assertThat(db.catalog().get(second.id()).lastVerification().verifiedAt()).isEqualTo(verified.verifiedAt());

        PruneResult pruned = db.prune(RetentionPolicy.keepLast(1));
        assertThat(pruned.deleted()).containsExactly(first.id());
        assertThat(db.catalog().list()).extracting(BackupSetInfo::id).containsExactly(second.id());

        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED,
                AuditAction.DATABASE_BACKUP_CREATED, AuditAction.BACKUP_VERIFIED, AuditAction.BACKUP_PRUNED);
        assertThat(audit.events()).allSatisfy(e -> assertThat(e.time()).isEqualTo(clock.instant()
                .minus(e.action() == AuditAction.DATABASE_BACKUP_CREATED && e.backupId().equals(first.id())
                        ? Duration.ofDays(1) : Duration.ZERO)));
    }

    @Test
    void theRestorerAndTheJobComeWiredToo() {
        DbBackup db = DbBackup.configure().store(store).audit(audit).clock(clock).load();

        assertThatThrownBy(() -> db.restore(() -> {
            throw new AssertionError("no target is opened when there is nothing to restore");
        }, Restorer.LATEST)).isInstanceOf(BlobNotFoundException.class);
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_RESTORE_FAILED);

        BackupJobResult result = db.job(db.backups().source(source).plan(ALL).build(), RetentionPolicy.keepLast(3)).run();
        assertThat(result.isComplete()).isTrue();
        assertThat(db.catalog().list()).extracting(BackupSetInfo::id).containsExactly(result.backup().id());
    }

    @Test
    void eachLoadedInstanceKeepsWhatItWasLoadedWith() {
        DbBackup.Configuration config = DbBackup.configure().store(store).audit(audit).clock(clock);
        DbBackup first = config.load();
        InMemoryBlobStore other = new InMemoryBlobStore();
        DbBackup second = config.store(other).load();

        first.backup(source, ALL);

        assertThat(first.catalog().list()).hasSize(1);
        assertThat(second.catalog().list()).isEmpty();
        assertThat(second.store()).isSameAs(other);
    }

    @Test
    void aMissingStoreAndNullsAreReportedTogether() {
        assertThatThrownBy(() -> DbBackup.configure().audit(null).clock(null).load())
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("store is missing")
                .hasMessageContaining("audit was null; pass AuditSink.noop()")
                .hasMessageContaining("clock was null");
        assertThatThrownBy(() -> DbBackup.configure().listener(null))
                .isInstanceOf(BackupConfigurationException.class).hasMessageContaining("listener was null");
    }

    @Test
    void listenersGivenOnceReachEveryBuilderTakenFromTheWiring() {
        ProgressListener listener = new ProgressListener() { };
        DbBackup db = DbBackup.configure().store(store).listener(listener).load();

        // the listener is handed to each builder; the events themselves are tested with the runners
        assertThat(List.of(db.backups(), db.restorer(), db.verifier())).hasSize(3);
        assertThat(db.store()).isSameAs(store);
    }
}
