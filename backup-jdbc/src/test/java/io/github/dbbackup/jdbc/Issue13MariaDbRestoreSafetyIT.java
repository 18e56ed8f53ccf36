package io.github.dbbackup.jdbc;

import static io.github.dbbackup.jdbc.Issue13PostgreSqlRestoreIT.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13 (Data safety II), restore items on MariaDB. */
@WithDatabase(DatabaseKind.MARIADB)
class Issue13MariaDbRestoreSafetyIT {

    private final TestDatabase source;
    private InMemoryBlobStore store;

    Issue13MariaDbRestoreSafetyIT(TestDatabase source) {
        this.source = source;
    }

    private BackupResult backup(List<String> ddl, List<String> rows, String... tables) {
        for (String table : tables) {
            source.execute("DROP TABLE IF EXISTS " + table);
        }
        source.execute(ddl.toArray(String[]::new));
        source.execute(rows.toArray(String[]::new));
        store = new InMemoryBlobStore();
        return Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables(tables).strict(false).build()).audit(AuditSink.noop()).build().backup();
    }

    private Restorer restorer(TestDatabase target, RestoreOptions options) {
        return Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource())).options(options)
                .audit(AuditSink.noop()).build();
    }

    @Test
    void issue13_replaceRefusesToCascadeIntoATableOfAnotherDatabase() {
        List<String> users = List.of("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        BackupResult backup = backup(users, List.of("INSERT INTO users VALUES (1, 'a'), (2, 'b')"), "users");
        try (TestDatabase target = source.createSibling(); TestDatabase other = source.createSibling()) {
            target.execute(users.toArray(String[]::new));
            target.execute("INSERT INTO users VALUES (1, 'old'), (3, 'old')");
            other.execute("CREATE TABLE logins (id INT PRIMARY KEY, user_id INT, CONSTRAINT logins_user_fk FOREIGN KEY"
                    + " (user_id) REFERENCES `" + target.name() + "`.users (id) ON DELETE CASCADE)",
                    "INSERT INTO logins VALUES (10, 1), (11, 3)");
            try {
                Restorer restorer = restorer(target, RestoreOptions.defaults().withMode(RestoreMode.REPLACE));
                assertThatThrownBy(() -> restorer.preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("2 rows of '" + other.name() + ".logins'")
                        .hasMessageContaining("logins_user_fk");
                assertThatThrownBy(() -> restorer.restore(backup.id())).isInstanceOf(SchemaMismatchException.class);
                assertThat(rows(other, "SELECT CAST(id AS CHAR), CAST(user_id AS CHAR) FROM logins ORDER BY id"))
                        .containsExactly("10|1", "11|3");
                assertThat(rows(target, "SELECT CAST(id AS CHAR), name FROM users ORDER BY id"))
                        .containsExactly("1|old", "3|old");
            } finally {
                other.execute("DROP TABLE logins");
            }
        }
    }

    @Test
    void issue13_aColumnDefaultingToNextvalRestoresAndItsSequenceNeverMovesBack() {
        List<String> ddl = List.of("CREATE SEQUENCE IF NOT EXISTS shared_ids",
                "CREATE TABLE credits (id BIGINT PRIMARY KEY DEFAULT NEXTVAL(shared_ids), total INT)",
                "CREATE TABLE invoices (id BIGINT PRIMARY KEY DEFAULT NEXTVAL(shared_ids), total INT)");
        BackupResult backup = backup(ddl, List.of("INSERT INTO credits VALUES (41, 1)", "INSERT INTO invoices VALUES (7, 2)"),
                "credits", "invoices");
        try (TestDatabase target = source.createSibling()) {
            target.execute(ddl.toArray(String[]::new));
            restorer(target, RestoreOptions.defaults()).restore(backup.id());
            assertThat(rows(target, "SELECT CAST(id AS CHAR), CAST(total AS CHAR) FROM credits")).containsExactly("41|1");
            assertThat(rows(target, "SELECT CAST(NEXTVAL(shared_ids) AS CHAR)")).containsExactly("42");
        }
        try (TestDatabase target = source.createSibling()) {
            target.execute(ddl.toArray(String[]::new));
            target.execute("SELECT SETVAL(shared_ids, 1000)", "INSERT INTO invoices VALUES (999, 9)");
            restorer(target, RestoreOptions.defaults().withMode(RestoreMode.REPLACE)).restore(backup.id());
            assertThat(rows(target, "SELECT CAST(NEXTVAL(shared_ids) AS CHAR)")).as("never lowered").containsExactly("1001");
        }
    }

    @Test
    void issue13_theDryRunRefusesAUserLackingATablePrivilegeAndAnApplicationUserRestores() {
        List<String> users = List.of("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        BackupResult backup = backup(users, List.of("INSERT INTO users VALUES (1, 'a'), (2, 'b')"), "users");
        try (TestDatabase target = source.createSibling()) {
            target.execute(users.toArray(String[]::new));
            String user = "dbbackup_app_" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 10);
            target.execute("CREATE USER '" + user + "'@'%'", "GRANT SELECT ON `" + target.name() + "`.users TO '" + user + "'@'%'");
            try {
                javax.sql.DataSource asApp = UrlDataSource.of(target.jdbcUrl().replaceFirst("user=[^&]*", "user=" + user));
                Restorer restorer = Restorer.builder().store(store).target(JdbcTarget.of(asApp))
                        .options(RestoreOptions.defaults().withMode(RestoreMode.REPLACE)).audit(AuditSink.noop()).build();
                assertThatThrownBy(() -> restorer.preflight(backup.id())).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("lacks [INSERT, DELETE] on table 'users'");
                target.execute("GRANT INSERT, DELETE ON `" + target.name() + "`.users TO '" + user + "'@'%'");
                restorer.restore(backup.id());
                assertThat(rows(target, "SELECT CAST(id AS CHAR), name FROM users ORDER BY id")).containsExactly("1|a", "2|b");
            } finally {
                target.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }
}
