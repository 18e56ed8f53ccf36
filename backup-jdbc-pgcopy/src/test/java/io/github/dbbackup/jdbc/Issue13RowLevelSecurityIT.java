package io.github.dbbackup.jdbc;

import static io.github.dbbackup.jdbc.Issue13PostgreSqlRestoreIT.asRole;
import static io.github.dbbackup.jdbc.Issue13PostgreSqlRestoreIT.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 10: with the COPY loader on the class path, a table whose row-level security applies
 * to the restoring role is written with INSERT (COPY FROM refuses it), and REPLACE, which would
 * delete only the rows the policies show, is refused before writing.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class Issue13RowLevelSecurityIT {

    private static final String DDL = "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT NOT NULL)";

    @Test
    void issue13_aRoleUnderRowLevelSecurityRestoresWithInsertAndIsRefusedReplace(TestDatabase source) throws Exception {
        source.execute(DDL, "INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables("notes").build()).audit(AuditSink.noop()).build().backup();
        try (TestDatabase target = source.createSibling()) {
            target.execute(DDL, "ALTER TABLE notes ENABLE ROW LEVEL SECURITY");
            asRole(target, (role, asApp) -> {
                target.execute("GRANT SELECT, INSERT, DELETE ON notes TO " + role,
                        "CREATE POLICY notes_all ON notes TO " + role + " USING (true) WITH CHECK (true)");
                RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(asApp))
                        .audit(AuditSink.noop()).build().restore(backup.id());
                assertThat(report.plan().decisions()).anySatisfy(d -> assertThat(d)
                        .contains("row-level security applies to this role on table 'notes'"));
                assertThat(rows(target, "SELECT id::text, body FROM notes ORDER BY id")).containsExactly("1|one", "2|two");
                assertThatThrownBy(() -> Restorer.builder().store(store).target(JdbcTarget.of(asApp))
                        .options(RestoreOptions.defaults().withMode(RestoreMode.REPLACE)).audit(AuditSink.noop()).build()
                        .preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("REPLACE would delete only the rows its policies show");
            });
        }
    }
}
