package io.github.dbbackup.core;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #13 items 1–4: a backup that would leave data out silently fails, or says so where it is read. */
class Issue13PartialBackupTest {

    private static final TableSchema ITEMS = tableWithId("items", notNull("name", ValueType.STRING));
    private static final TableSchema NOTES = tableWithId("notes", notNull("text", ValueType.STRING));
    private static final ExcludedTable MV = new ExcludedTable("mv_totals",
            "materialized view: its rows are derived from other tables and are not backed up",
            "REFRESH MATERIALIZED VIEW \"mv_totals\"");

    private final MutableClock clock = MutableClock.at("2026-11-29T03:00:00Z");
    private final InMemoryBlobStore store = new InMemoryBlobStore(clock);
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final FakeBackupSource source = new FakeBackupSource();

    private BackupResult backup(BackupPlan plan) {
        clock.advance(Duration.ofDays(1));
        return Backups.builder().source(source).store(store).plan(plan).audit(audit).clock(clock).build().backup();
    }

    private static List<Map<String, Object>> items(int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            rows.add(row("id", i, "name", "item " + i));
        }
        return rows;
    }

    // ------------------------------------------------------------ 3: nothing to back up

    @Test
    void issue13_aBackupThatFindsNoTableFailsAuditsAndWritesNoSet() {
        BackupPlan everything = BackupPlan.allTablesExcept(ExclusionPolicy.none());

        assertThatThrownBy(() -> backup(everything))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("Nothing to back up")
                .hasMessageContaining("schema 'public' of FakeDB has no base table visible to this role")
                .hasMessageContaining("allowEmptyBackup(true)");

        assertThat(store.list("")).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
        assertThat(BackupCatalog.of(store, clock).latest()).isEmpty();
    }

    @Test
    void issue13_aPlanThatExcludesEveryTableFailsToo() {
        source.table(ITEMS, items(2));

        assertThatThrownBy(() -> backup(BackupPlan.allTablesExcept(ExclusionPolicy.table("items", "not needed"))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("the plan excludes every table of schema 'public' of FakeDB (1 excluded)");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void issue13_anEmptyBackupIsWrittenOnlyWhenThePlanAllowsIt() {
        BackupPlan plan = BackupPlan.builder().includeAllOtherTables().allowEmptyBackup(true).build();

        BackupResult result = backup(plan);

        assertThat(plan.allowsEmptyBackup()).isTrue();
        assertThat(result.tables()).isEmpty();
        assertThat(BackupCatalog.of(store, clock).latest()).map(BackupSetInfo::id).contains(result.id());
        assertThat(BackupPlan.allTablesExcept(ExclusionPolicy.none()).allowsEmptyBackup()).isFalse();
    }

    // ------------------------------------------------------------ 3: a table that lost most of its rows

    @Test
    void issue13_aTableThatLostMoreThanHalfItsRowsIsAWarningInResultManifestAuditAndCatalog() {
        BackupPlan plan = BackupPlan.builder().tables("items", "notes").build();
        source.table(ITEMS, items(10)).table(NOTES, row("id", 1L, "text", "a"), row("id", 2L, "text", "b"));
        BackupResult first = backup(plan);
        assertThat(first.warnings()).isEmpty();

        source.table(ITEMS, items(4)).table(NOTES);
        BackupResult second = backup(plan);

        List<String> expected = List.of(
                "table 'items' has 4 rows, the previous set '" + first.id() + "' had 10 (it lost more than half);"
                        + " check that no rows were lost before relying on this set",
                "table 'notes' has 0 rows, the previous set '" + first.id() + "' had 2 (it is now empty);"
                        + " check that no rows were lost before relying on this set");
        assertThat(second.warnings()).containsExactlyElementsOf(expected);
        assertThat(BackupReader.open(store, second.id()).manifest().warnings()).containsExactlyElementsOf(expected);
        assertThat(BackupCatalog.of(store, clock).get(second.id()).warnings()).containsExactlyElementsOf(expected);
        assertThat(BackupCatalog.of(store, clock).get(first.id()).warnings()).isEmpty();
        assertThat(audit.events().get(1).action()).isEqualTo(AuditAction.DATABASE_BACKUP_CREATED);
        assertThat(audit.events().get(1).details()).containsEntry("warnings", String.join("\n", expected));
    }

    @Test
    void issue13_halfOfThePreviousRowsIsNotAWarningAndTheComparisonIsWithTheNewestSet() {
        BackupPlan plan = BackupPlan.builder().tables("items").build();
        source.table(ITEMS, items(10));
        backup(plan);
        source.table(ITEMS, items(5));
        BackupResult half = backup(plan);
        source.table(ITEMS, items(2));
        BackupResult lessThanHalfOfFive = backup(plan);

        assertThat(half.warnings()).isEmpty();
        assertThat(lessThanHalfOfFive.warnings()).containsExactly("table 'items' has 2 rows, the previous set '"
                + half.id() + "' had 5 (it lost more than half); check that no rows were lost before relying on this set");
    }

    @Test
    void issue13_aTableMissingFromTheNewSetIsAWarningUnlessItIsNowExcluded() {
        BackupPlan everything = BackupPlan.allTablesExcept(ExclusionPolicy.none());
        source.table(ITEMS, items(3)).table(NOTES, row("id", 1L, "text", "a"));
        backup(everything);
        BackupResult excluded = backup(BackupPlan.builder().tables("items")
                .excludeTable("notes", "moved to the CRM", "").build());
        BackupResult again = backup(everything);
        FakeBackupSource afterDrop = new FakeBackupSource().table(ITEMS, items(3));

        clock.advance(Duration.ofDays(1));
        BackupResult dropped = Backups.builder().source(afterDrop).store(store).plan(everything).audit(audit)
                .clock(clock).build().backup();

        assertThat(dropped.warnings()).containsExactly("table 'notes' had 1 rows in the previous set '" + again.id()
                + "' and is not in this set");
        assertThat(excluded.warnings()).isEmpty();
    }

    // ------------------------------------------------------------ 4: objects the backup does not carry

    @Test
    void issue13_aStrictPlanFailsOnAnObjectItCannotCarryAndNamesTheExclusionToAdd() {
        source.table(ITEMS, items(1)).notCarried(MV);

        assertThatThrownBy(() -> backup(BackupPlan.builder().tables("items").build()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'mv_totals' exists in schema 'public' of FakeDB but cannot be backed up"
                        + " (materialized view: its rows are derived from other tables and are not backed up)")
                .hasMessageContaining(".excludeTable(\"mv_totals\", \"materialized view: its rows are derived from other"
                        + " tables and are not backed up\", \"REFRESH MATERIALIZED VIEW \\\"mv_totals\\\"\")");
        assertThatThrownBy(() -> backup(BackupPlan.allTablesExcept(ExclusionPolicy.none())))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'mv_totals' exists");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void issue13_aPlanThatNamesAnObjectItCannotCarryFails() {
        source.table(ITEMS, items(1)).notCarried(MV);

        assertThatThrownBy(() -> backup(BackupPlan.builder().tables("items", "mv_totals").build()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'mv_totals' is in the plan but cannot be backed up");
    }

    @Test
    void issue13_objectsNotCarriedAreExcludedWithReasonAndActionInTheManifest() {
        source.table(ITEMS, items(1)).table(NOTES).notCarried(MV);

        BackupResult lenient = backup(BackupPlan.builder().tables("items", "notes").strict(false).build());
        BackupResult classified = backup(BackupPlan.builder().tables("items", "notes")
                .excludeTable("mv_totals", "derived report", "").build());

        assertThat(lenient.manifest().excludedTables()).containsExactly(MV);
        assertThat(classified.manifest().excludedTables()).containsExactly(
                new ExcludedTable("mv_totals", "derived report", "REFRESH MATERIALIZED VIEW \"mv_totals\""));
        assertThat(BackupReader.open(store, classified.id()).manifest().excludedTables())
                .isEqualTo(classified.manifest().excludedTables());
    }

    @Test
    void issue13_theHistoryOfATableMustBeClassifiedOnlyWhenTheTableIsBackedUp() {
        ExcludedTable history = new ExcludedTable("notes (history)", "history rows of system-versioned table 'notes'",
                "Keep the history elsewhere");
        source.table(ITEMS, items(1)).table(NOTES, row("id", 1L, "text", "a")).notCarried(history);

        assertThatThrownBy(() -> backup(BackupPlan.builder().tables("items", "notes").build()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'notes (history)' exists");
        BackupResult withoutNotes = backup(BackupPlan.builder().tables("items")
                .excludeTable("notes", "kept elsewhere", "").build());
        BackupResult acknowledged = backup(BackupPlan.builder().tables("items", "notes")
                .excludeTable("notes (history)", "current rows suffice", "").build());

        assertThat(withoutNotes.manifest().excludedTables())
                .containsExactly(new ExcludedTable("notes", "kept elsewhere", ""));
        assertThat(acknowledged.manifest().excludedTables())
                .containsExactly(new ExcludedTable("notes (history)", "current rows suffice", "Keep the history elsewhere"));
    }

    // ------------------------------------------------------------ 1, 2: tables the role cannot read whole

    @Test
    void issue13_anIncludedTableTheSourceCannotReadWholeFailsBeforeAnyPartIsWritten() {
        source.table(ITEMS, items(2)).table(NOTES, row("id", 1L, "text", "a"))
                .unreadable("notes", new BackupDatabaseException("table 'notes' has row-level security", "42501", 0, null));

        assertThatThrownBy(() -> backup(BackupPlan.builder().tables("items", "notes").build()))
                .hasMessageContaining("table 'notes' has row-level security");

        assertThat(store.list("")).isEmpty();
        assertThat(source.queries()).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_anExcludedTableNeedNotBeReadable() {
        source.table(ITEMS, items(2)).table(NOTES, row("id", 1L, "text", "a"))
                .unreadable("notes", new BackupDatabaseException("table 'notes' has row-level security", "42501", 0, null));

        BackupResult result = backup(BackupPlan.builder().tables("items").excludeTable("notes", "secrets", "").build());

        assertThat(result.tables()).extracting(BackedUpTable::name).containsExactly("items");
    }
}
