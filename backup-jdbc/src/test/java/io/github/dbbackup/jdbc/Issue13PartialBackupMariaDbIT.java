package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 items 2, 3 and 4 on MariaDB: column privileges, a database that does not exist, and the
 * history rows of system-versioned tables never yield a "complete" set that silently lacks data.
 */
@WithDatabase(DatabaseKind.MARIADB)
class Issue13PartialBackupMariaDbIT {

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private TestDatabase db;
    private String user;
    private String password;

    @BeforeEach
    void createUser(TestDatabase db) {
        this.db = db;
        long random = ThreadLocalRandom.current().nextLong() >>> 1;
        this.user = "dbbackup_priv_" + Long.toHexString(random).substring(0, 8);
        this.password = "pw-" + Long.toHexString(random);
        db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, secret VARCHAR(100))",
                "INSERT INTO accounts VALUES (1, 'a@example.com', 's1'), (2, 'b@example.com', 's2')",
                "CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL)", "INSERT INTO orders VALUES (1, 10)");
    }

    @AfterEach
    void dropUser() {
        db.execute("DROP USER '" + user + "'@'%'", "DROP TABLE IF EXISTS accounts, orders, prices");
    }

    private DataSource asUser() {
        String url = db.jdbcUrl();
        int query = url.indexOf('?');
        List<String> params = new ArrayList<>();
        if (query >= 0) {
            for (String p : url.substring(query + 1).split("&")) {
                if (!p.startsWith("user=") && !p.startsWith("password=") && !p.isEmpty()) {
                    params.add(p);
                }
            }
        }
        params.add("user=" + user);
        params.add("password=" + password);
        return UrlDataSource.of((query >= 0 ? url.substring(0, query) : url) + "?" + String.join("&", params));
    }

    private BackupResult backup(BackupSource source, BackupPlan plan) {
        return Backups.builder().source(source).store(store).plan(plan).audit(audit).build().backup();
    }

    // ------------------------------------------------------------------ 2: privileges

    @Test
    void issue13_aTableTheUserMayReadOnlySomeColumnsOfFailsTheBackupNamingIt() {
        db.execute("GRANT SELECT ON " + db.name() + ".orders TO '" + user + "'@'%'",
                "GRANT SELECT (id, email) ON " + db.name() + ".accounts TO '" + user + "'@'%'");

        for (BackupPlan plan : List.of(BackupPlan.allTablesExcept(ExclusionPolicy.none()),
                BackupPlan.builder().tables("accounts", "orders").build())) {
            assertThatThrownBy(() -> backup(JdbcSource.of(asUser()), plan))
                    .isInstanceOf(BackupDatabaseException.class)
                    .hasMessageContaining("reads every row and column of table 'accounts'")
                    .hasMessageContaining("SELECT command denied");
        }
        assertThat(store.list("")).isEmpty();
        assertThat(audit.actions()).containsOnly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_aTableThePlanNamesButTheUserCannotSeeFailsTheBackupNamingIt() {
        db.execute("GRANT SELECT ON " + db.name() + ".orders TO '" + user + "'@'%'");

        assertThatThrownBy(() -> backup(JdbcSource.of(asUser()), BackupPlan.builder().tables("accounts", "orders").build()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'accounts' is in the plan but does not exist");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void issue13_theUserWithSelectOnTheWholeTablesBacksUpEveryColumn() {
        db.execute("GRANT SELECT ON " + db.name() + ".* TO '" + user + "'@'%'");

        BackupResult result = backup(JdbcSource.of(asUser()), BackupPlan.allTablesExcept(ExclusionPolicy.none()));

        assertThat(result.manifest().table("accounts").orElseThrow().schema().columnNames())
                .containsExactly("id", "email", "secret");
    }

    // ------------------------------------------------------------------ 3: nothing resolved

    @Test
    void issue13_aMistypedDatabaseIsAnErrorNamingIt() {
        assertThatThrownBy(() -> backup(JdbcSource.builder(db.dataSource()).schema(db.name() + "_typo").build(),
                BackupPlan.allTablesExcept(ExclusionPolicy.none())))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("database '" + db.name() + "_typo' does not exist in MariaDB");
        assertThat(store.list("")).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void issue13_tablesTheUserSeesButCannotReadAColumnOfFailTheBackupNamingThem() {
        db.execute("GRANT SHOW VIEW ON " + db.name() + ".* TO '" + user + "'@'%'");

        assertThatThrownBy(() -> backup(JdbcSource.of(asUser()), BackupPlan.allTablesExcept(ExclusionPolicy.none())))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'accounts' exists in schema '" + db.name() + "' of MariaDB but cannot be"
                        + " backed up (it has no column visible to this role")
                .hasMessageContaining("table 'orders' exists");
        assertThat(store.list("")).isEmpty();
    }

    // ------------------------------------------------------------------ 4: system-versioned history

    @Test
    void issue13_theHistoryOfASystemVersionedTableIsRecordedAsNotCarried() throws Exception {
        db.execute("CREATE TABLE prices (id INT PRIMARY KEY, amount INT NOT NULL) WITH SYSTEM VERSIONING",
                "INSERT INTO prices VALUES (1, 100)", "UPDATE prices SET amount = 200 WHERE id = 1",
                "UPDATE prices SET amount = 300 WHERE id = 1");
        assertThat(db.queryForLong("SELECT COUNT(*) FROM prices FOR SYSTEM_TIME ALL")).isEqualTo(3);

        assertThatThrownBy(() -> backup(JdbcSource.of(db.dataSource()), BackupPlan.builder()
                .tables("accounts", "orders", "prices").build()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table 'prices (history)' exists in schema '" + db.name() + "' of MariaDB")
                .hasMessageContaining(".excludeTable(\"prices (history)\"");

        BackupResult result = backup(JdbcSource.of(db.dataSource()), BackupPlan.builder()
                .tables("accounts", "orders", "prices").strict(false).build());
        ExcludedTable history = new ExcludedTable("prices (history)", "history rows of system-versioned table"
                + " 'prices': only its current rows are backed up, and a restore starts its history anew",
                "Keep the history of `prices` elsewhere (e.g. a physical backup) if it must survive");
        assertThat(result.manifest().excludedTables()).containsExactly(history);
        assertThat(result.manifest().table("prices").map(BackedUpTable::rows)).contains(1L);
        List<String> amounts = new ArrayList<>();
        BackupReader.open(store, result.id()).forEachRow("prices", row -> amounts.add(String.valueOf(row[1])));
        assertThat(amounts).containsExactly("300");

        BackupResult acknowledged = backup(JdbcSource.of(db.dataSource()), BackupPlan.builder()
                .tables("accounts", "orders", "prices").excludeTable("prices (history)", "audit only", "").build());
        assertThat(acknowledged.manifest().excludedTables()).containsExactly(
                new ExcludedTable("prices (history)", "audit only", history.requiredAction()));

        BackupResult withoutTheTable = backup(JdbcSource.of(db.dataSource()), BackupPlan.builder()
                .tables("accounts", "orders").excludeTable("prices", "not needed", "").build());
        assertThat(withoutTheTable.manifest().excludedTables()).extracting(ExcludedTable::table).containsExactly("prices");
    }
}
