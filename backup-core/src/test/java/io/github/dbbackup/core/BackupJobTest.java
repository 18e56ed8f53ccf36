package io.github.dbbackup.core;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.retention.BackupPruner;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.core.testing.Schemas;
import io.github.dbbackup.core.testing.SyntheticSets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupJobTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(new InMemoryBlobStore(clock));
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final FakeBackupSource source = new FakeBackupSource()
            .table(Schemas.tableWithId("teams"), row("id", 1L));
    private final Backups backups = Backups.builder().source(source).store(store)
            .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).clock(clock).audit(audit).build();
    private final BackupPruner pruner = BackupPruner.builder().store(store).clock(clock).audit(audit).build();
    private final BackupCatalog catalog = BackupCatalog.of(store);

    @Test
    void prunesAfterASuccessfulBackup() {
        String old = SyntheticSets.complete(store, NOW.minus(Duration.ofDays(40)));

        BackupJobResult result = BackupJob.of(backups, pruner).run();

        assertThat(result.isComplete()).isTrue();
        assertThat(result.prune().deleted()).containsExactly(old);
        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(result.backup().id());
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED, AuditAction.BACKUP_PRUNED);
    }

    @Test
    void failedBackupNeverPrunes() {
        String old = SyntheticSets.complete(store, NOW.minus(Duration.ofDays(40)));
        SyntheticSets.incomplete(store, NOW.minus(Duration.ofDays(3)));
        source.failOpen(new BackupDatabaseException("Connecting failed: connection refused", "08001", 0, null));

        assertThatThrownBy(() -> BackupJob.of(backups, pruner).run()).isInstanceOf(BackupDatabaseException.class)
                .hasMessageContaining("connection refused");

        assertThat(store.attemptedDeletes()).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
        assertThat(catalog.list()).extracting(BackupSetInfo::id).containsExactly(old);
        assertThat(catalog.incomplete()).hasSize(1);
    }

    @Test
    void failedPruneIsReportedWithoutHidingTheBackup() {
        String old = SyntheticSets.complete(store, NOW.minus(Duration.ofDays(40)));
        store.failOpenWhere(key -> key.equals(Manifest.keyOf(old)));

        BackupJobResult result = BackupJob.of(backups, pruner).run();

        assertThat(result.backup().id()).isNotNull();
        assertThat(result.isComplete()).isFalse();
        assertThat(result.prune().failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEmpty();
            assertThat(f.key()).isEqualTo(Manifest.keyOf(old));
            assertThat(f.message()).startsWith("Pruning failed before deleting anything");
        });
        assertThat(result.prune().plan().plannedAt()).isEqualTo(NOW);
        // only the backup's own lease, once its set was complete
        assertThat(store.attemptedDeletes()).containsExactly(result.backup().id() + "/lease.json");
    }

    @Test
    void refusesAPrunerOfAnotherStore() {
        BackupPruner other = BackupPruner.builder().store(new InMemoryBlobStore()).build();

        assertThatThrownBy(() -> BackupJob.of(backups, other)).isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("build both with the same BlobStore instance");
    }
}
