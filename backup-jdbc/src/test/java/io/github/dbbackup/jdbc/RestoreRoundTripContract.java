package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestorePlan;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Backup → restore → backup again: every value of every row equal. The second backup of the
 * restored database is compared with the first, row by row and value by value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestoreRoundTripContract {

    TestDatabase source;
    InMemoryBlobStore store;
    BackupResult backup;

    @BeforeAll
    void backUpTheQaApp(TestDatabase db) throws Exception {
        this.source = db;
        try (Connection c = db.dataSource().getConnection()) {
            QaAppSchema.Database kind = QaAppSchema.create(c);
            QaAppData.insert(c, kind, 1, 42L);
        }
        store = new InMemoryBlobStore();
        backup = backups(db, store).backup();
    }

    static Backups backups(TestDatabase db, InMemoryBlobStore store) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(QaAppPlan.plan())
                .audit(AuditSink.noop()).build();
    }

    /** A fresh database of the same kind with the QA-app schema and no rows. */
    TestDatabase emptyTarget() throws Exception {
        TestDatabase target = source.createSibling();
        try (Connection c = target.dataSource().getConnection()) {
            QaAppSchema.create(c);
        }
        return target;
    }

    Restorer restorer(TestDatabase target, RestoreOptions options, AuditSink audit) {
        // Small batches, so every table is written in several of them plus a partial last one.
        return Restorer.builder().store(store).target(JdbcTarget.builder(target.dataSource()).batchSize(7).build())
                .options(options).audit(audit).build();
    }

    /** Every row of every table of a set, keyed by table, then by the row's primary key. */
    static Map<String, Map<List<Object>, List<Object>>> rows(InMemoryBlobStore store, String id) {
        BackupReader set = BackupReader.open(store, id);
        Map<String, Map<List<Object>, List<Object>>> all = new LinkedHashMap<>();
        for (String table : set.manifest().restoreOrder()) {
            List<String> columns = set.manifest().table(table).orElseThrow().schema().columnNames();
            List<String> pk = set.manifest().table(table).orElseThrow().schema().primaryKey();
            Map<List<Object>, List<Object>> rows = new LinkedHashMap<>();
            set.forEachRow(table, row -> {
                List<Object> key = new ArrayList<>();
                pk.forEach(k -> key.add(row[columns.indexOf(k)]));
                List<Object> values = new ArrayList<>();
                for (Object v : row) {
                    values.add(v instanceof byte[] b ? Arrays.toString(b) : v);
                }
                rows.put(key, values);
            });
            all.put(table, rows);
        }
        return all;
    }

    Map<String, Map<List<Object>, List<Object>>> rowsOf(TestDatabase db) {
        InMemoryBlobStore again = new InMemoryBlobStore();
        return rows(again, backups(db, again).backup().id());
    }

    @Test
    void restoresEveryValueOfEveryRowIntoAnEmptySchema() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            RestoreReport report = restorer(target, RestoreOptions.defaults(), events::add).restore(backup.id());

            assertThat(rowsOf(target)).isEqualTo(rows(store, backup.id()));
            assertThat(report.rowsWritten()).containsAllEntriesOf(Map.of("users", backup.manifest().table("users")
                    .orElseThrow().rows()));
            assertThat(report.totalRows()).isEqualTo(backup.totalRows());
            assertThat(report.plan().cycles()).extracting(RestorePlan.Cycle::strategy)
                    .contains(CycleStrategy.NULL_THEN_UPDATE);
            assertThat(report.checklist()).anySatisfy(line -> assertThat(line)
                    .contains("password_hash").contains("RESET_REQUIRED").contains("reset their password"));
            assertThat(report.checklist()).anySatisfy(line -> assertThat(line)
                    .contains("slack_integration").contains("re-connect Slack"));
            assertThat(target.queryForLong("SELECT COUNT(*) FROM users WHERE password_hash = 'RESET_REQUIRED'"))
                    .isEqualTo(backup.manifest().table("users").orElseThrow().rows());
            assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_RESTORE_COMPLETED);
        }
    }

    @Test
    void newRowsGetFreshIdsAfterTheRestore() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            restorer(target, RestoreOptions.defaults(), AuditSink.noop()).restore(backup.id());
            long maxTeam = target.queryForLong("SELECT MAX(id) FROM teams");
            target.execute("INSERT INTO teams (name, created_at) VALUES ('new team', CURRENT_TIMESTAMP)");
            assertThat(target.queryForLong("SELECT MAX(id) FROM teams")).isGreaterThan(maxTeam);
            insertWithoutIds(target);
        }
    }

    /** Inserts a row without an id into every table that draws ids from a sequence or identity. */
    abstract void insertWithoutIds(TestDatabase target) throws Exception;

    @Test
    void upsertMergesIntoAPartlyFilledAndChangedTarget() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            restorer(target, RestoreOptions.defaults(), AuditSink.noop()).restore(backup.id());
            target.execute("UPDATE teams SET name = 'changed' WHERE id = (SELECT MIN(id) FROM teams)",
                    "DELETE FROM test_runs WHERE id IN (SELECT id FROM (SELECT MIN(id) AS id FROM test_runs) x)",
                    "INSERT INTO teams (id, name, created_at) VALUES (990001, 'extra team', CURRENT_TIMESTAMP)");

            restorer(target, RestoreOptions.defaults().withMode(RestoreMode.UPSERT), AuditSink.noop()).restore(backup.id());

            Map<String, Map<List<Object>, List<Object>>> after = rowsOf(target);
            Map<String, Map<List<Object>, List<Object>>> expected = rows(store, backup.id());
            for (String table : expected.keySet()) {
                assertThat(after.get(table)).as(table).containsAllEntriesOf(expected.get(table));
            }
            assertThat(after.get("teams")).containsKey(List.of(990001L)).hasSize(expected.get("teams").size() + 1);
        }
    }

    @Test
    void replaceOverADifferentDatasetLeavesExactlyTheBackup() throws Exception {
        try (TestDatabase target = source.createSibling()) {
            try (Connection c = target.dataSource().getConnection()) {
                QaAppSchema.Database kind = QaAppSchema.create(c);
                QaAppData.insert(c, kind, 1, 7L);
            }
            RestoreOptions replace = RestoreOptions.defaults().withMode(RestoreMode.REPLACE);
            long sessions = target.queryForLong("SELECT COUNT(*) FROM session");
            assertThat(sessions).isPositive();
            Map<String, Map<List<Object>, List<Object>>> before = rowsOf(target);
            assertThatThrownBy(() -> restorer(target, replace, AuditSink.noop()).restore(backup.id()))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("REPLACE would delete rows of 'users' that " + sessions + " rows of 'session'");
            assertThat(rowsOf(target)).isEqualTo(before);

            clearTablesOutsideTheBackup(target);
            restorer(target, replace, AuditSink.noop()).restore(backup.id());
            assertThat(rowsOf(target)).isEqualTo(rows(store, backup.id()));
        }
    }

    /** Deletes the rows of the tables the backup leaves out (they reference users and teams). */
    void clearTablesOutsideTheBackup(TestDatabase target) {
        for (String table : List.of("session", "password_reset_token", "api_key", "authenticator_token", "attachment",
                "team_invitation", "jira_issue", "jira_integration", "slack_integration", "enterprise_inquiry")) {
            target.execute("DELETE FROM " + table);
        }
    }

    @Test
    void emptyOnlyRefusesATargetWithRowsAndChangesNothing() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            target.execute("INSERT INTO teams (id, name, created_at) VALUES (5, 'existing', CURRENT_TIMESTAMP)");
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> restorer(target, RestoreOptions.defaults(), events::add).restore(backup.id()))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("table 'teams' has 1 rows").hasMessageContaining("Nothing was written");
            assertThat(target.queryForLong("SELECT COUNT(*) FROM users")).isZero();
            assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_RESTORE_FAILED);
        }
    }

    @Test
    void aFailureInTheLastTableCommitsNothing() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            Manifest manifest = backup.manifest();
            String last = manifest.restoreOrder().get(manifest.restoreOrder().size() - 1);
            RestoreOptions options = RestoreOptions.defaults().withStrict(true);
            PartInfo lastPart = manifest.partsOf(last).get(0);
            assertThat(lastPart.rows()).isPositive();
            Restorer restorer = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .options(options).audit(AuditSink.noop()).build();
            io.github.dbbackup.core.manifest.TableSchema lastTable = manifest.table(last).orElseThrow().schema();
            String column = lastTable.columns().stream()
                    .filter(c -> !c.nullable() && !lastTable.primaryKey().contains(c.name())).findFirst().orElseThrow().name();
            // A CHECK that no backed-up row satisfies: the last table's insert fails after all others were written.
            target.execute("ALTER TABLE " + last + " ADD CONSTRAINT never_ok CHECK (" + column + " IS NULL)");
            assertThatThrownBy(() -> restorer.restore(backup.id())).isInstanceOf(io.github.dbbackup.core.BackupException.class);
            for (String table : manifest.restoreOrder()) {
                assertThat(target.queryForLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
        }
    }

    @Test
    void restoreTestVerificationProvesTheSetRestoresAndLeavesTheScratchDatabaseAsItWas() throws Exception {
        try (TestDatabase scratch = emptyTarget()) {
            BackupVerifier verifier = BackupVerifier.builder().store(store).audit(AuditSink.noop())
                    .restoreTestTarget(JdbcTarget.of(scratch.dataSource())).build();
            VerificationResult clean = verifier.verify(backup.id(), VerificationLevel.RESTORE_TEST);
            assertThat(clean.problems()).isEmpty();
            assertThat(clean.rowsChecked()).isEqualTo(backup.totalRows());
            for (String table : backup.manifest().restoreOrder()) {
                assertThat(scratch.queryForLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
            // A scratch database whose schema lacks a table: the test restore fails and says why.
            scratch.execute("ALTER TABLE test_runs RENAME TO test_runs_old");
            VerificationResult broken = verifier.verify(backup.id(), VerificationLevel.RESTORE_TEST);
            assertThat(broken.isOk()).isFalse();
            assertThat(broken.problems()).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("Test restore").contains("'test_runs'"));
        }
    }

    @Test
    void dryRunValidatesAndWritesNothing() throws Exception {
        try (TestDatabase target = emptyTarget()) {
            RestorePlan plan = restorer(target, RestoreOptions.defaults(), AuditSink.noop()).preflight(backup.id());
            assertThat(plan.tables()).extracting(RestorePlan.TableStep::table)
                    .containsExactlyInAnyOrderElementsOf(QaAppSchema.BACKED_UP_TABLES);
            assertThat(plan.totalRows()).isEqualTo(backup.totalRows());
            assertThat(target.queryForLong("SELECT COUNT(*) FROM users")).isZero();
        }
    }
}
