package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 items 1, 3 and 4 on PostgreSQL: row-level security, a schema that does not resolve, and
 * objects that cannot be carried as rows never yield a "complete" set that silently lacks data.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class Issue13PartialBackupPostgreSqlIT {

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private TestDatabase db;
    private String role;

    @BeforeEach
    void createRole(TestDatabase db) {
        this.db = db;
        this.role = "dbbackup_rls_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        db.execute("CREATE ROLE " + role + " LOGIN",
                "CREATE TABLE docs (id int PRIMARY KEY, owner text NOT NULL, body text)",
                "INSERT INTO docs VALUES (1, 'alice', 'a'), (2, 'bob', 'b'), (3, 'alice', 'c')",
                "CREATE TABLE plain (id int PRIMARY KEY)", "INSERT INTO plain VALUES (1), (2)",
                "GRANT USAGE ON SCHEMA public TO " + role, "GRANT SELECT ON docs, plain TO " + role);
    }

    @AfterEach
    void dropRole() {
        db.execute("DROP OWNED BY " + role, "DROP ROLE " + role,
                "DROP MATERIALIZED VIEW IF EXISTS alice_docs", "DROP TABLE IF EXISTS docs, plain, marker",
                "DROP SCHEMA IF EXISTS nothing_here, \"MySchema\" CASCADE");
    }

    private DataSource as(String user) {
        return UrlDataSource.of(db.jdbcUrl().replaceFirst("user=[^&]*", "user=" + user));
    }

    private BackupResult backup(BackupSource source, BackupPlan plan, int connections) {
        return Backups.builder().source(source).store(store).plan(plan).audit(audit).parallelism(connections)
                .splitTablesFrom(1).build().backup();
    }

    private static BackupPlan everything() {
        return BackupPlan.allTablesExcept(ExclusionPolicy.none());
    }

    // ------------------------------------------------------------------ 1: row-level security

    @Test
    void issue13_aRoleSubjectToRowLevelSecurityIsRefusedNamingTheTable() {
        db.execute("ALTER TABLE docs ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY only_alice ON docs USING (owner = 'alice')");

        for (int connections : new int[] {1, 2}) {
            assertThatThrownBy(() -> backup(JdbcSource.of(as(role)), everything(), connections))
                    .as("%d connection(s)", connections)
                    .isInstanceOf(BackupDatabaseException.class)
                    .hasMessageContaining("reads every row and column of table 'docs'")
                    .hasMessageContaining("row-level security policy for table \"docs\"")
                    .hasMessageContaining("BYPASSRLS");
        }
        assertThat(store.list("")).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED, AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_theOwnerOfATableWithForcedRowLevelSecurityIsRefused() {
        db.execute("ALTER TABLE docs OWNER TO " + role, "ALTER TABLE docs ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE docs FORCE ROW LEVEL SECURITY", "CREATE POLICY only_alice ON docs USING (owner = 'alice')");

        assertThatThrownBy(() -> backup(JdbcSource.of(as(role)), everything(), 1))
                .hasMessageContaining("table 'docs'")
                .hasMessageContaining("row-level security");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void issue13_everySnapshotOfAParallelExportRefusesFilteredRowsNotOnlyTheFirst() {
        db.execute("ALTER TABLE docs ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY only_alice ON docs USING (owner = 'alice')");

        try (SourceSnapshot first = JdbcSource.of(as(role)).openSnapshot();
                SourceSnapshot shared = first.openShared().orElseThrow()) {
            var docs = first.tables().stream().filter(t -> t.name().equals("docs")).findFirst().orElseThrow();
            RowQuery all = new RowQuery(docs, docs.columns(), docs.primaryKey(), "");
            for (SourceSnapshot snapshot : List.of(first, shared)) {
                assertThatThrownBy(() -> {
                    try (RowCursor cursor = snapshot.rows(all)) {
                        cursor.next();
                    }
                }).isInstanceOf(BackupException.class).hasMessageContaining("row-level security");
            }
        }
    }

    @Test
    void issue13_theOwnerOfATableWithRowLevelSecurityNotForcedBacksUpEveryRow() {
        db.execute("ALTER TABLE docs OWNER TO " + role, "ALTER TABLE docs ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY only_alice ON docs USING (owner = 'alice')");

        BackupResult result = backup(JdbcSource.of(as(role)), everything(), 2);

        assertThat(result.manifest().table("docs").map(BackedUpTable::rows)).contains(3L);
        assertThat(result.warnings()).isEmpty();
    }

    // ------------------------------------------------------------------ 3: nothing resolved

    @Test
    void issue13_aMistypedSchemaIsAnErrorNamingItAndWritesNoSet() {
        assertThatThrownBy(() -> backup(JdbcSource.builder(db.dataSource()).schema("pubIic").build(), everything(), 1))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("schema 'pubIic' does not exist in PostgreSQL");
        assertThatThrownBy(() -> backup(JdbcSource.builder(db.dataSource()).schema("PUBLIC").build(), everything(), 1))
                .hasMessageContaining("did you mean 'public'?");

        assertThat(store.list("")).isEmpty();
        assertThat(audit.actions()).containsOnly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_anExistingSchemaWithoutTablesFailsUnlessThePlanAllowsAnEmptyBackup() {
        db.execute("CREATE SCHEMA nothing_here");
        BackupSource empty = JdbcSource.builder(db.dataSource()).schema("nothing_here").build();

        assertThatThrownBy(() -> backup(empty, everything(), 1))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("Nothing to back up: schema 'nothing_here' of PostgreSQL has no base table");
        assertThat(store.list("")).isEmpty();

        BackupResult allowed = backup(empty, BackupPlan.builder().includeAllOtherTables().allowEmptyBackup(true).build(), 1);
        assertThat(allowed.tables()).isEmpty();
    }

    @Test
    void issue13_aCurrentSchemaThatDoesNotResolveIsAnErrorNotPublic() {
        db.execute("CREATE SCHEMA \"MySchema\"", "CREATE TABLE \"MySchema\".kept (id int PRIMARY KEY)");
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=MySchema";

        assertThatThrownBy(() -> backup(JdbcSource.of(UrlDataSource.of(url)), everything(), 1))
                .hasMessageContaining("search_path")
                .hasMessageContaining("currentSchema");
        assertThat(store.list("")).isEmpty();
    }

    // ------------------------------------------------------------------ 4: objects not carried

    @Test
    void issue13_materializedViewsAndColumnlessTablesMustBeClassifiedByAStrictPlan() {
        db.execute("CREATE MATERIALIZED VIEW alice_docs AS SELECT id FROM docs WHERE owner = 'alice'",
                "CREATE TABLE marker ()", "INSERT INTO marker DEFAULT VALUES");

        assertThatThrownBy(() -> backup(JdbcSource.of(db.dataSource()), everything(), 1))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'alice_docs' exists in schema 'public' of PostgreSQL but cannot be backed up"
                        + " (materialized view")
                .hasMessageContaining("table 'marker' exists in schema 'public' of PostgreSQL but cannot be backed up"
                        + " (it has no column visible to this role");
        assertThatThrownBy(() -> backup(JdbcSource.of(db.dataSource()), BackupPlan.builder().tables("docs", "plain")
                .excludeTable("alice_docs", "derived", "REFRESH MATERIALIZED VIEW alice_docs").build(), 1))
                .hasMessageContaining("table 'marker' exists");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void issue13_aNonStrictPlanRecordsWhatItCannotCarryWithTheRefreshAction() {
        db.execute("CREATE MATERIALIZED VIEW alice_docs AS SELECT id FROM docs WHERE owner = 'alice'",
                "CREATE TABLE marker ()");

        BackupResult result = backup(JdbcSource.of(db.dataSource()),
                BackupPlan.builder().includeAllOtherTables().strict(false).build(), 1);

        assertThat(result.manifest().excludedTables()).containsExactly(
                new ExcludedTable("alice_docs", "materialized view: its rows are derived from other tables and are not"
                        + " backed up", "REFRESH MATERIALIZED VIEW \"alice_docs\""),
                new ExcludedTable("marker", "it has no column visible to this role (a table created without columns,"
                        + " or no privilege on any of its columns): its rows cannot be backed up",
                        "Re-create the rows of \"marker\" by hand if it held any"));
        assertThat(result.tables()).extracting(BackedUpTable::name).containsExactlyInAnyOrder("docs", "plain");
    }
}
