package io.github.dbbackup.jdbc;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (Data safety II), restore items on PostgreSQL: REPLACE never deletes rows outside the
 * restore (other schemas, inheritance children), inheritance sets restore, sequences only move
 * forward, strict mode refuses narrower columns, RLS targets and plain application roles.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
class Issue13PostgreSqlRestoreIT {

    private final TestDatabase source;

    Issue13PostgreSqlRestoreIT(TestDatabase source) {
        this.source = source;
    }

    private BackupResult backup(String ddl, List<String> rows, String... tables) {
        source.execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public", ddl);
        source.execute(rows.toArray(String[]::new));
        InMemoryBlobStore store = new InMemoryBlobStore();
        this.store = store;
        return Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables(tables).strict(false).build()).audit(AuditSink.noop()).build().backup();
    }

    private InMemoryBlobStore store;

    private Restorer restorer(DataSource target, RestoreOptions options) {
        return Restorer.builder().store(store).target(JdbcTarget.of(target)).options(options).audit(AuditSink.noop()).build();
    }

    static List<String> rows(TestDatabase db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(String.join("|", row));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    private static final String USERS = "CREATE TABLE users (id INT PRIMARY KEY, name TEXT NOT NULL)";

    @Test
    void issue13_replaceRefusesToCascadeIntoATableOfAnotherSchema() {
        BackupResult backup = backup(USERS, List.of("INSERT INTO users VALUES (1, 'a'), (2, 'b')"), "users");
        try (TestDatabase target = source.createSibling()) {
            target.execute(USERS, "INSERT INTO users VALUES (1, 'old'), (3, 'old')", "CREATE SCHEMA audit",
                    "CREATE TABLE audit.logins (id INT PRIMARY KEY, user_id INT CONSTRAINT logins_user_fk"
                            + " REFERENCES public.users (id) ON DELETE CASCADE)",
                    "CREATE TABLE audit.notes (id INT PRIMARY KEY, user_id INT CONSTRAINT notes_user_fk"
                            + " REFERENCES public.users (id))",
                    "INSERT INTO audit.logins VALUES (10, 1), (11, 3)", "INSERT INTO audit.notes VALUES (20, 3)");
            Restorer restorer = restorer(target.dataSource(), RestoreOptions.defaults().withMode(RestoreMode.REPLACE));
            assertThatThrownBy(() -> restorer.preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("audit.logins").hasMessageContaining("logins_user_fk")
                    .hasMessageContaining("audit.notes").hasMessageContaining("notes_user_fk")
                    .hasMessageContaining("2 rows of 'audit.logins'").hasMessageContaining("1 rows of 'audit.notes'");
            assertThatThrownBy(() -> restorer.restore(backup.id())).isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("Nothing was written");
            assertThat(rows(target, "SELECT id::text, user_id::text FROM audit.logins ORDER BY id"))
                    .containsExactly("10|1", "11|3");
            assertThat(rows(target, "SELECT id::text, name FROM users ORDER BY id")).containsExactly("1|old", "3|old");
        }
    }

    private static final String INHERITANCE = "CREATE TABLE events (id INT PRIMARY KEY, kind TEXT NOT NULL);"
            + " CREATE TABLE clicks (x INT, PRIMARY KEY (id)) INHERITS (events)";

    @Test
    void issue13_replaceOfAParentLeavesItsChildOutsideTheBackupAlone() {
        BackupResult backup = backup(INHERITANCE, List.of("INSERT INTO events VALUES (1, 'open'), (2, 'close')",
                "INSERT INTO clicks VALUES (3, 'click', 30)"), "events");
        try (TestDatabase target = source.createSibling()) {
            target.execute(INHERITANCE, "INSERT INTO events VALUES (1, 'old')",
                    "INSERT INTO clicks VALUES (7, 'click', 70), (8, 'click', 80)");
            RestoreReport report = restorer(target.dataSource(), RestoreOptions.defaults().withMode(RestoreMode.REPLACE)
                    .withStrict(false)).restore(backup.id());
            assertThat(report.rowsWritten()).containsEntry("events", 2L);
            assertThat(rows(target, "SELECT id::text, kind FROM ONLY events ORDER BY id")).containsExactly("1|open", "2|close");
            assertThat(rows(target, "SELECT id::text, kind, x::text FROM clicks ORDER BY id"))
                    .containsExactly("7|click|70", "8|click|80");
        }
    }

    @Test
    void issue13_restoresAnInheritanceSetOfParentAndChild() {
        BackupResult backup = backup(INHERITANCE, List.of("INSERT INTO events VALUES (1, 'open'), (2, 'close')",
                "INSERT INTO clicks VALUES (3, 'click', 30), (4, 'click', 40)"), "events", "clicks");
        try (TestDatabase target = source.createSibling()) {
            target.execute(INHERITANCE);
            restorer(target.dataSource(), RestoreOptions.defaults()).restore(backup.id());
            assertThat(rows(target, "SELECT id::text, kind FROM ONLY events ORDER BY id")).containsExactly("1|open", "2|close");
            assertThat(rows(target, "SELECT id::text, kind, x::text FROM clicks ORDER BY id"))
                    .containsExactly("3|click|30", "4|click|40");
        }
    }

    private static final String SHARED = "CREATE SEQUENCE shared_ids; CREATE TABLE credits (id BIGINT PRIMARY KEY"
            + " DEFAULT nextval('shared_ids'), total INT); CREATE TABLE invoices (id BIGINT PRIMARY KEY DEFAULT"
            + " nextval('shared_ids'), total INT)";

    @Test
    void issue13_aSequenceFeedingTwoTablesEndsPastBothAndNeverMovesBack() {
        BackupResult backup = backup(SHARED, List.of("INSERT INTO credits VALUES (41, 1)", "INSERT INTO invoices VALUES (7, 2)"),
                "credits", "invoices");
        try (TestDatabase target = source.createSibling()) {
            target.execute(SHARED);
            restorer(target.dataSource(), RestoreOptions.defaults()).restore(backup.id());
            assertThat(rows(target, "SELECT nextval('shared_ids')::text")).containsExactly("42");
        }
        try (TestDatabase target = source.createSibling()) {
            target.execute(SHARED, "SELECT setval('shared_ids', 1000)", "INSERT INTO invoices VALUES (999, 9)");
            restorer(target.dataSource(), RestoreOptions.defaults().withMode(RestoreMode.REPLACE)).restore(backup.id());
            assertThat(rows(target, "SELECT nextval('shared_ids')::text")).as("never lowered").containsExactly("1001");
        }
    }

    private static final String PARTITIONED = "CREATE TABLE measures (id INT GENERATED BY DEFAULT AS IDENTITY,"
            + " at DATE NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);"
            + " CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
            + " CREATE TABLE measures_2026 PARTITION OF measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')";

    @Test
    void issue13_aPartitionedTablesIdentityMovesPastEveryPartition() {
        BackupResult backup = backup(PARTITIONED, List.of("INSERT INTO measures VALUES (50, '2025-05-05'),"
                + " (9, '2026-06-06')"), "measures_2025", "measures_2026");
        try (TestDatabase target = source.createSibling()) {
            target.execute(PARTITIONED);
            restorer(target.dataSource(), RestoreOptions.defaults()).restore(backup.id());
            target.execute("INSERT INTO measures (at) VALUES ('2026-12-12')");
            assertThat(rows(target, "SELECT id::text FROM measures WHERE at = '2026-12-12'")).containsExactly("51");
        }
    }

    @Test
    void issue13_strictRefusesEveryNarrowerTargetColumnAndLenientWarnsPerColumn() {
        String wide = "CREATE TABLE prices (id INT PRIMARY KEY, amount NUMERIC(30,10), ratio FLOAT8, code VARCHAR(20),"
                + " at TIMESTAMP(6), n INT8, flag INT4)";
        String narrow = "CREATE TABLE prices (id INT PRIMARY KEY, amount NUMERIC(30,2), ratio REAL, code VARCHAR(5),"
                + " at TIMESTAMP(0), n INT4, flag TEXT)";
        BackupResult backup = backup(wide, List.of("INSERT INTO prices VALUES (1, 1.0123456789, 0.1, 'abcdefgh',"
                + " '2026-01-02 03:04:05.678901', 1, 1)"), "prices");
        try (TestDatabase target = source.createSibling()) {
            target.execute(narrow);
            Restorer strict = restorer(target.dataSource(), RestoreOptions.defaults());
            assertThatThrownBy(() -> strict.preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("'prices.amount': numeric(30,10) does not fit numeric(30,2)")
                    .hasMessageContaining("'prices.ratio': float8 does not fit float4")
                    .hasMessageContaining("'prices.code': varchar(20) does not fit varchar(5)")
                    .hasMessageContaining("'prices.at'").hasMessageContaining("'prices.n': int8 does not fit int4")
                    .hasMessageContaining("'prices.flag' was int4 (INTEGER) in the backup but is text")
                    .hasMessageNotContaining("'prices.flag' exists only in the target");
            assertThat(target.queryForLong("SELECT COUNT(*) FROM prices")).isZero();
        }
        try (TestDatabase target = source.createSibling()) {
            target.execute(narrow.replace("VARCHAR(5)", "VARCHAR(8)").replace("flag TEXT", "flag INT4"));
            RestoreReport report = restorer(target.dataSource(), RestoreOptions.defaults().withStrict(false))
                    .restore(backup.id());
            assertThat(report.warnings()).hasSize(5).allSatisfy(w -> assertThat(w).contains("may have been rounded"))
                    .anySatisfy(w -> assertThat(w).startsWith("column 'prices.amount': numeric(30,10) does not fit"));
            assertThat(rows(target, "SELECT amount::text, code FROM prices")).containsExactly("1.01|abcdefgh");
        }
    }

    /** Runs {@code test} with a fresh login role (neither owner nor superuser), dropped afterwards. */
    static void asRole(TestDatabase target, RoleTest test) throws Exception {
        String role = "dbbackup_app_" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 10);
        target.execute("CREATE ROLE " + role + " LOGIN", "GRANT USAGE ON SCHEMA public TO " + role);
        try {
            test.run(role, UrlDataSource.of(target.jdbcUrl().replaceFirst("user=[^&]*", "user=" + role)));
        } finally {
            target.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    interface RoleTest {
        void run(String role, DataSource dataSource) throws Exception;
    }

    private static final String APP = "CREATE TABLE teams (id SERIAL PRIMARY KEY, name TEXT NOT NULL, lead_id INT);"
            + " CREATE TABLE members (id SERIAL PRIMARY KEY, team_id INT NOT NULL REFERENCES teams (id), name TEXT);"
            + " ALTER TABLE teams ADD CONSTRAINT teams_lead_fk FOREIGN KEY (lead_id) REFERENCES members (id)";

    private BackupResult appBackup() {
        return backup(APP, List.of("INSERT INTO teams VALUES (1, 'qa', NULL)", "INSERT INTO members VALUES (5, 1, 'ann')",
                "UPDATE teams SET lead_id = 5"), "teams", "members");
    }

    @Test
    void issue13_aPlainApplicationRoleRestoresWithTheTablePrivilegesItNeeds() throws Exception {
        BackupResult backup = appBackup();
        try (TestDatabase target = source.createSibling()) {
            target.execute(APP);
            asRole(target, (role, asApp) -> {
                target.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON teams, members TO " + role,
                        "GRANT USAGE, SELECT, UPDATE ON SEQUENCE teams_id_seq, members_id_seq TO " + role);
                for (RestoreMode mode : RestoreMode.values()) {
                    restorer(asApp, RestoreOptions.defaults().withMode(mode)).restore(backup.id());
                    assertThat(rows(target, "SELECT id::text, name, lead_id::text FROM teams")).containsExactly("1|qa|5");
                    assertThat(rows(target, "SELECT id::text, team_id::text, name FROM members")).containsExactly("5|1|ann");
                    if (mode == RestoreMode.EMPTY_ONLY) {
                        target.execute("UPDATE teams SET lead_id = NULL", "DELETE FROM members", "DELETE FROM teams");
                    }
                }
                assertThat(rows(target, "SELECT nextval('members_id_seq')::text")).containsExactly("6");
            });
        }
    }

    @Test
    void issue13_theDryRunRefusesARoleLackingATableOrSequencePrivilege() throws Exception {
        BackupResult backup = appBackup();
        try (TestDatabase target = source.createSibling()) {
            target.execute(APP);
            asRole(target, (role, asApp) -> {
                target.execute("GRANT SELECT ON teams, members TO " + role, "GRANT INSERT ON members TO " + role,
                        "GRANT USAGE, SELECT ON SEQUENCE teams_id_seq, members_id_seq TO " + role);
                assertThatThrownBy(() -> restorer(asApp, RestoreOptions.defaults()).preflight(backup.id()))
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("lacks [INSERT, UPDATE] on table 'teams'")
                        .hasMessageNotContaining("on table 'members'")
                        .hasMessageContaining("teams.id: sequence public.teams_id_seq")
                        .hasMessageContaining("members.id: sequence public.members_id_seq");
                target.execute("GRANT INSERT, UPDATE ON teams, members TO " + role,
                        "GRANT UPDATE ON SEQUENCE teams_id_seq, members_id_seq TO " + role);
                assertThatThrownBy(() -> restorer(asApp, RestoreOptions.defaults().withMode(RestoreMode.REPLACE))
                        .preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("lacks [DELETE] on table 'teams'")
                        .hasMessageContaining("lacks [DELETE] on table 'members'");
                assertThat(restorer(asApp, RestoreOptions.defaults()).preflight(backup.id()).tables()).hasSize(2);
            });
        }
    }

    private static final String NOT_NULL_CYCLE = "CREATE TABLE egg (id INT PRIMARY KEY, chicken_id INT NOT NULL);"
            + " CREATE TABLE chicken (id INT PRIMARY KEY, egg_id INT NOT NULL REFERENCES egg (id));"
            + " ALTER TABLE egg ADD CONSTRAINT egg_chicken_fk FOREIGN KEY (chicken_id) REFERENCES chicken (id)"
            + " DEFERRABLE INITIALLY DEFERRED";

    @Test
    void issue13_aRoleThatDoesNotOwnTheTablesIsNotOfferedToDropTheirForeignKeys() throws Exception {
        BackupResult backup = backup(NOT_NULL_CYCLE.replace(" DEFERRABLE INITIALLY DEFERRED", ""),
                List.of("BEGIN; SET LOCAL session_replication_role = replica; INSERT INTO egg VALUES (1, 1);"
                        + " INSERT INTO chicken VALUES (1, 1); COMMIT"), "egg", "chicken");
        try (TestDatabase target = source.createSibling()) {
            target.execute(NOT_NULL_CYCLE.replace(" DEFERRABLE INITIALLY DEFERRED", ""));
            asRole(target, (role, asApp) -> {
                target.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON egg, chicken TO " + role);
                assertThatThrownBy(() -> restorer(asApp, RestoreOptions.defaults()).preflight(backup.id()))
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("form a foreign-key cycle that NULL cannot break")
                        .hasMessageContaining("offers this role no way to defer or bypass it");
            });
        }
    }
}
