package io.github.dbbackup.core.event;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingProgressListener;
import io.github.dbbackup.core.testing.Schemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupProgressEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private static final int RUNS = 25_005;
    private static final TableSchema TEAMS = Schemas.tableWithId("teams", Schemas.column("name", ValueType.STRING));
    private static final TableSchema RUNS_TABLE = Schemas.withForeignKeys(
            Schemas.tableWithId("runs", Schemas.column("team_id", ValueType.INTEGER),
                    Schemas.column("notes", ValueType.STRING)),
            Schemas.fk("team_id", "teams", "id"));
    private static final TableSchema TAGS = Schemas.table("tags", List.of("name"),
            Schemas.notNull("name", ValueType.STRING));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBlobStore store = new InMemoryBlobStore(clock);
    private final RecordingProgressListener recorder = new RecordingProgressListener();

    private static FakeBackupSource source() {
        List<Map<String, Object>> teams = new ArrayList<>();
        for (long i = 1; i <= 40; i++) {
            teams.add(row("id", i, "name", "team " + i));
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (long i = 1; i <= RUNS; i++) {
            runs.add(row("id", i, "team_id", 1 + i % 40, "notes", "run " + i));
        }
        return new FakeBackupSource().table(TEAMS, teams).table(RUNS_TABLE, runs)
                .table(TAGS, row("name", "nightly"), row("name", "smoke"));
    }

    private Backups.Builder backups(FakeBackupSource source) {
        return Backups.builder().source(source).store(store).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .clock(clock).audit(AuditSink.noop()).maxPartBytes(1L << 20);
    }

    /**
     * The events a serial backup sends, derived from its manifest: per table in restore order its
     * start (the fake's estimates are exact), per part the rows in steps of ROWS_INTERVAL and the
     * rest before the part is done, then its finish; the operation around them.
     */
    private static List<Object> serialEvents(BackupResult result) {
        Manifest manifest = result.manifest();
        String id = result.id();
        List<Object> expected = new ArrayList<>();
        expected.add(new OperationStarted(Operation.BACKUP, id, NOW, 3, 40 + RUNS + 2, false));
        for (String table : manifest.restoreOrder()) {
            BackedUpTable backedUp = manifest.table(table).orElseThrow();
            expected.add(new TableStarted(Operation.BACKUP, id, table, backedUp.rows()));
            for (PartInfo part : manifest.partsOf(table)) {
                long left = part.rows();
                for (; left >= ProgressListener.ROWS_INTERVAL; left -= ProgressListener.ROWS_INTERVAL) {
                    expected.add(new RowsProgressed(Operation.BACKUP, id, table, ProgressListener.ROWS_INTERVAL));
                }
                if (left > 0) {
                    expected.add(new RowsProgressed(Operation.BACKUP, id, table, left));
                }
                expected.add(new PartDone(Operation.BACKUP, id, table, part));
            }
            expected.add(new TableFinished(Operation.BACKUP, id, table, backedUp.rows(), backedUp.bytes()));
        }
        expected.add(new OperationFinished(Operation.BACKUP, id, Duration.ZERO, 3, result.totalRows(),
                result.totalBytes()));
        return expected;
    }

    @Test
    void aSerialBackupSendsEachTableInRestoreOrderBetweenStartAndFinish() {
        BackupResult result = backups(source()).listener(recorder).build().backup();

        assertThat(result.manifest().partsOf("runs")).hasSizeGreaterThan(1);
        assertThat(recorder.events()).containsExactlyElementsOf(serialEvents(result));
        assertThat(recorder.eventsOf(RowsProgressed.class)).extracting(RowsProgressed::rows)
                .contains(ProgressListener.ROWS_INTERVAL);
    }

    @Test
    void aParallelBackupKeepsEachTablesOrderAndItsTotalsAddUpToTheResult() {
        FakeBackupSource source = source().shareable(true);

        BackupResult result = backups(source).parallelism(3).splitTablesFrom(1000).maxPartBytes(256 * 1024)
                .listener(recorder).build().backup();

        // runs was read as three key ranges, from three connections
        assertThat(source.queries()).filteredOn(q -> q.table().name().equals("runs")).extracting(RowQuery::range)
                .hasSize(3).doesNotContainNull();
        Manifest manifest = result.manifest();
        List<Object> events = recorder.events();
        assertThat(events.get(0)).isEqualTo(new OperationStarted(Operation.BACKUP, result.id(), NOW, 3, 40 + RUNS + 2,
                false));
        assertThat(events.get(events.size() - 1)).isEqualTo(new OperationFinished(Operation.BACKUP, result.id(),
                Duration.ZERO, 3, result.totalRows(), result.totalBytes()));
        assertThat(recorder.eventsOf(OperationStarted.class)).hasSize(1);
        assertThat(recorder.eventsOf(OperationFinished.class)).hasSize(1);
        assertThat(recorder.eventsOf(OperationFailed.class)).isEmpty();
        for (String table : manifest.restoreOrder()) {
            BackedUpTable backedUp = manifest.table(table).orElseThrow();
            List<Object> ofTable = recorder.eventsOf(table);
            assertThat(ofTable.get(0)).as(table)
                    .isEqualTo(new TableStarted(Operation.BACKUP, result.id(), table, backedUp.rows()));
            assertThat(ofTable.get(ofTable.size() - 1)).as(table).isEqualTo(new TableFinished(Operation.BACKUP,
                    result.id(), table, backedUp.rows(), backedUp.bytes()));
            assertThat(ofTable).as(table).filteredOn(TableStarted.class::isInstance).hasSize(1);
            assertThat(ofTable).as(table).filteredOn(TableFinished.class::isInstance).hasSize(1);
            List<RowsProgressed> rows = ofTable.stream().filter(RowsProgressed.class::isInstance)
                    .map(RowsProgressed.class::cast).toList();
            assertThat(rows).as(table).allSatisfy(r -> assertThat(r.rows()).isBetween(1L, ProgressListener.ROWS_INTERVAL));
            assertThat(rows.stream().mapToLong(RowsProgressed::rows).sum()).as(table).isEqualTo(backedUp.rows());
            assertThat(ofTable.stream().filter(PartDone.class::isInstance).map(e -> ((PartDone) e).part()).toList())
                    .as(table).containsExactlyInAnyOrderElementsOf(manifest.partsOf(table));
        }
        List<PartDone> parts = recorder.eventsOf(PartDone.class);
        assertThat(parts.stream().mapToLong(p -> p.part().rows()).sum()).isEqualTo(result.totalRows());
        assertThat(parts.stream().mapToLong(p -> p.part().bytes()).sum()).isEqualTo(result.totalBytes());
    }

    @Test
    void aFailingBackupEndsWithItsFailureAndNothingAfter() {
        BackupDatabaseException boom = new BackupDatabaseException("Reading table 'runs' failed: connection reset",
                null, 0, null);
        FakeBackupSource source = source().failRows("runs", 200, boom);

        assertThatThrownBy(() -> backups(source).listener(recorder).build().backup()).isSameAs(boom);

        List<Object> events = recorder.events();
        String id = recorder.eventsOf(OperationStarted.class).get(0).backupId();
        assertThat(events.get(0)).isInstanceOf(OperationStarted.class);
        assertThat(events.get(events.size() - 1)).isEqualTo(new OperationFailed(Operation.BACKUP, id, Duration.ZERO,
                "BackupDatabaseException", boom.getMessage()));
        assertThat(recorder.eventsOf(OperationFailed.class)).hasSize(1);
        assertThat(recorder.eventsOf(OperationFinished.class)).isEmpty();
        // the tables before runs finished; runs started and never finished
        assertThat(recorder.eventsOf(TableFinished.class)).extracting(TableFinished::table)
                .containsExactly("tags", "teams");
        assertThat(recorder.eventsOf("runs")).first().isInstanceOf(TableStarted.class);
    }

    @Test
    void aFailingParallelBackupEndsWithItsFailureAfterEveryWorkerStopped() {
        BackupDatabaseException boom = new BackupDatabaseException("Reading table 'runs' failed: connection reset",
                null, 0, null);
        FakeBackupSource source = source().shareable(true).failRows("runs", 200, boom);

        assertThatThrownBy(() -> backups(source).parallelism(3).splitTablesFrom(1000).listener(recorder).build()
                .backup()).isSameAs(boom);

        List<Object> events = recorder.events();
        assertThat(events.get(events.size() - 1)).isInstanceOf(OperationFailed.class)
                .extracting(e -> ((OperationFailed) e).reason()).isEqualTo("BackupDatabaseException");
        assertThat(recorder.eventsOf(OperationFailed.class)).hasSize(1);
        assertThat(recorder.eventsOf(OperationFinished.class)).isEmpty();
        assertThat(recorder.eventsOf(TableFinished.class)).extracting(TableFinished::table).doesNotContain("runs");
    }

    @Test
    void aFailureBeforeTheTablesAreKnownStillStartsAndFailsTheOperation() {
        BackupDatabaseException refused = new BackupDatabaseException("Connecting failed: password authentication"
                + " failed", "28P01", 0, null);
        FakeBackupSource source = source().failOpen(refused);

        assertThatThrownBy(() -> backups(source).listener(recorder).build().backup()).isSameAs(refused);

        List<Object> events = recorder.events();
        assertThat(events).hasSize(2);
        String id = ((OperationStarted) events.get(0)).backupId();
        assertThat(events).containsExactly(new OperationStarted(Operation.BACKUP, id, NOW, 0, -1, false),
                new OperationFailed(Operation.BACKUP, id, Duration.ZERO, "BackupDatabaseException",
                        refused.getMessage()));
    }

    @Test
    void aRefusedParallelExportFailsBeforeAnyTableStarts() {
        FakeBackupSource source = source(); // cannot share its snapshot

        assertThatThrownBy(() -> backups(source).parallelism(2).listener(recorder).build().backup())
                .isInstanceOf(BackupConfigurationException.class);

        List<Object> events = recorder.events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(OperationStarted.class);
        assertThat(events.get(1)).isInstanceOf(OperationFailed.class)
                .extracting(e -> ((OperationFailed) e).reason()).isEqualTo("BackupConfigurationException");
    }

    @Test
    void aThrowingListenerChangesNothing() {
        BackupResult quiet = backups(source()).build().backup();
        // same instant: the id differs by its random suffix
        ProgressListener throwing = new ThrowingListener();

        BackupResult heard = backups(source()).listener(throwing).listener(recorder).build().backup();

        assertThat(heard.manifest().parts()).extracting(PartInfo::sha256)
                .containsExactlyElementsOf(quiet.manifest().parts().stream().map(PartInfo::sha256).toList());
        assertThat(recorder.events()).containsExactlyElementsOf(serialEvents(heard));
    }

    /** Throws from every event. */
    static final class ThrowingListener implements ProgressListener {
        @Override
        public void operationStarted(OperationStarted event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void tableStarted(TableStarted event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void rowsProgressed(RowsProgressed event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void partDone(PartDone event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void tableFinished(TableFinished event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void operationFinished(OperationFinished event) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void operationFailed(OperationFailed event) {
            throw new IllegalStateException("listener bug");
        }
    }
}
