package io.github.dbbackup.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.store.BackupIds;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.KeyRange;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.BackupSetReader;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.core.testing.Schemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParallelExportTest {

    private static final TableSchema TEAMS = Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING));
    private static final TableSchema RUNS = Schemas.withForeignKeys(
            Schemas.tableWithId("runs", Schemas.column("team_id", ValueType.INTEGER),
                    Schemas.column("notes", ValueType.STRING)),
            Schemas.fk("team_id", "teams", "id"));
    private static final TableSchema TAGS = Schemas.table("tags", List.of("name"),
            Schemas.notNull("name", ValueType.STRING));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final RecordingAuditSink audit = new RecordingAuditSink();

    private static FakeBackupSource source() {
        List<Map<String, Object>> teams = new ArrayList<>();
        for (long i = 1; i <= 40; i++) {
            teams.add(FakeBackupSource.row("id", i, "name", "team " + i));
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        // Sparse keys with a gap and a negative key: ranges are cut by key value, not by row count.
        for (long i = -5; i <= 3000; i++) {
            if (i < 1000 || i > 1500) {
                runs.add(FakeBackupSource.row("id", i * 7, "team_id", 1 + Math.floorMod(i, 40),
                        "notes", i % 11 == 0 ? null : "run " + i + " " + "x".repeat((int) Math.floorMod(i, 50))));
            }
        }
        return new FakeBackupSource().table(TEAMS, teams).table(RUNS, runs)
                .table(TAGS, FakeBackupSource.row("name", "nightly"), FakeBackupSource.row("name", "smoke"));
    }

    private BackupResult backup(FakeBackupSource source, BackupRunner.Parallelism parallelism, long maxPartBytes) {
        return new BackupRunner(source, store, BackupPlan.allTablesExcept(ExclusionPolicy.none()), audit, clock,
                Codecs.GZIP, maxPartBytes, 6, new BackupIds(clock), parallelism, Listeners.NONE).run();
    }

    private static BackupRunner.Parallelism workers(int n) {
        return new BackupRunner.Parallelism(n, false, 1000);
    }

    @Test
    void threeConnectionsOnASharedSnapshotWriteTheSameRowsAsOne() {
        BackupResult serial = backup(source(), BackupRunner.Parallelism.SERIAL, 1L << 20);
        clock.advance(java.time.Duration.ofSeconds(1));
        FakeBackupSource source = source().shareable(true);

        BackupResult parallel = backup(source, workers(3), 1L << 20);

        Manifest manifest = BackupSetReader.manifest(store, parallel.id());
        assertThat(manifest.consistent()).isTrue();
        assertThat(manifest.restoreOrder()).isEqualTo(serial.manifest().restoreOrder());
        for (String table : List.of("teams", "runs", "tags")) {
            List<Map<String, Object>> expected = BackupSetReader.rows(store, serial.manifest(), table);
            List<Map<String, Object>> actual = new ArrayList<>(BackupSetReader.rows(store, manifest, table));
            assertThat(actual).as(table).hasSize(expected.size());
            actual.sort(Comparator.comparing(r -> r.get("id") == null ? 0L : ((Number) r.get("id")).longValue()));
            if (table.equals("tags")) {
                assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
            } else {
                assertThat(actual).as(table).isEqualTo(expected);
            }
            assertThat(manifest.table(table).orElseThrow().rows()).isEqualTo(expected.size());
        }
        // The big table was read as three key ranges, one per connection, each its own part.
        List<RowQuery> runQueries = source.queries().stream().filter(q -> q.table().name().equals("runs")).toList();
        assertThat(runQueries).extracting(RowQuery::range).containsExactlyInAnyOrder(
                new KeyRange("id", null, 6977L), new KeyRange("id", 6977L, 13989L), new KeyRange("id", 13989L, null));
        assertThat(manifest.partsOf("runs")).extracting(PartInfo::index).containsExactly(0, 1, 2);
        assertThat(manifest.partsOf("teams")).hasSize(1);
        // One snapshot opened, two shared with it; all closed.
        assertThat(source.snapshots()).hasSize(3);
        assertThat(source.everythingClosed()).isTrue();
        assertThat(audit.events().get(audit.events().size() - 1).details())
                .containsEntry("connections", 3).containsEntry("consistent", true);
    }

    @Test
    void aSplitTableThatOutgrowsItsPartsStillNumbersThemWithoutGaps() {
        FakeBackupSource source = source().shareable(true);

        BackupResult result = backup(source, workers(2), 4096);

        Manifest manifest = BackupSetReader.manifest(store, result.id());
        List<PartInfo> parts = manifest.partsOf("runs");
        assertThat(parts.size()).isGreaterThan(4);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).index()).isEqualTo(i);
        }
        assertThat(BackupSetReader.rows(store, manifest, "runs")).hasSize(2505);
        assertThat(parts.stream().mapToLong(PartInfo::rows).sum()).isEqualTo(2505);
    }

    @Test
    void aSourceThatCannotShareItsSnapshotIsRefusedBeforeAnythingIsWritten() {
        FakeBackupSource source = source();

        assertThatThrownBy(() -> backup(source, workers(2), 1L << 20))
                .isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("needs one snapshot shared between connections, which FakeDB cannot offer")
                .hasMessageContaining("parallelism(1)")
                .hasMessageContaining("allowInconsistentParallelExport(true)");

        assertThat(store.list("")).isEmpty();
        assertThat(source.everythingClosed()).isTrue();
        assertThat(audit.events()).extracting(e -> e.action()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void anAllowedInconsistentExportIsMarkedSoInItsManifest() {
        FakeBackupSource source = source();

        BackupResult result = backup(source, new BackupRunner.Parallelism(2, true, 1000), 1L << 20);

        Manifest manifest = BackupSetReader.manifest(store, result.id());
        assertThat(manifest.consistent()).isFalse();
        assertThat(BackupSetReader.rows(store, manifest, "runs")).hasSize(2505);
        assertThat(source.snapshots()).hasSize(2);
        assertThat(source.everythingClosed()).isTrue();
    }

    @Test
    void aSerialBackupIsConsistentAndReadsWholeTablesInRestoreOrder() {
        FakeBackupSource source = source();

        BackupResult result = backup(source, BackupRunner.Parallelism.SERIAL, 1L << 20);

        assertThat(BackupSetReader.manifest(store, result.id()).consistent()).isTrue();
        assertThat(source.queries()).extracting(q -> q.table().name()).containsExactly("tags", "teams", "runs");
        assertThat(source.queries()).allSatisfy(q -> assertThat(q.range()).isNull());
        assertThat(source.snapshots()).hasSize(1);
    }

    @Test
    void aFailingWorkerStopsTheOthersAndLeavesNoSet() {
        BackupDatabaseException boom = new BackupDatabaseException("Reading table 'runs' failed: connection reset",
                null, 0, null);
        FakeBackupSource source = source().shareable(true).failRows("runs", 200, boom);

        assertThatThrownBy(() -> backup(source, workers(3), 1L << 20)).isSameAs(boom);

        assertThat(store.list("")).isEmpty();
        assertThat(source.everythingClosed()).isTrue();
        assertThat(audit.events()).extracting(e -> e.action()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void anEmptyTableStillGetsItsOnePart() {
        FakeBackupSource source = source().shareable(true).table(RUNS, List.of());

        BackupResult result = backup(source, workers(2), 1L << 20);

        Manifest manifest = BackupSetReader.manifest(store, result.id());
        assertThat(manifest.partsOf("runs")).hasSize(1).first().satisfies(p -> assertThat(p.rows()).isZero());
    }

    @Test
    void failuresOtherThanBackupExceptionsAreWrapped() {
        FakeBackupSource source = source().shareable(true).failRows("teams", 3, new IllegalStateException("bug"));

        assertThatThrownBy(() -> backup(source, workers(2), 1L << 20)).isInstanceOf(BackupException.class)
                .hasMessageContaining("bug");
        assertThat(store.list("")).isEmpty();
    }
}
