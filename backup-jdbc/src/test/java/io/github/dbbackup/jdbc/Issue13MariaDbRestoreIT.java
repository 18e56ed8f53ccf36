package io.github.dbbackup.jdbc;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 (items 8 and 11) on MariaDB: triggers that MariaDB cannot switch off are refused before
 * anything is written (dry run too), naming table, trigger and fix; system-versioned tables with
 * invisible {@code ROW START}/{@code ROW END} columns restore, their period columns included.
 */
@WithDatabase(DatabaseKind.MARIADB)
class Issue13MariaDbRestoreIT {

    private static final List<String> ORDERS = List.of(
            "CREATE TABLE orders (id INT PRIMARY KEY, total INT NOT NULL)",
            "CREATE TABLE order_log (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT NOT NULL, note VARCHAR(20))",
            "CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW"
                    + " INSERT INTO order_log (order_id, note) VALUES (NEW.id, 'created')");

    private static Restorer restorer(InMemoryBlobStore store, TestDatabase target, RestoreOptions options) {
        return Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource())).options(options)
                .audit(AuditSink.noop()).build();
    }

    private static BackupResult backup(TestDatabase db, InMemoryBlobStore store, String... tables) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store)
                .plan(BackupPlan.builder().tables(tables).strict(false).build()).audit(AuditSink.noop()).build().backup();
    }

    @Test
    void issue13_triggersMariaDbCannotSwitchOffAreRefusedBeforeWritingNamingTableTriggerAndFix(TestDatabase db) {
        try (TestDatabase source = db.createSibling(); TestDatabase target = db.createSibling()) {
            source.execute(ORDERS.toArray(String[]::new));
            source.execute("INSERT INTO orders VALUES (1, 10), (2, 20)");
            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = backup(source, store, "orders", "order_log");
            target.execute(ORDERS.toArray(String[]::new));

            for (RestoreMode mode : RestoreMode.values()) {
                Restorer restorer = restorer(store, target, RestoreOptions.defaults().withMode(mode));
                assertThatThrownBy(() -> restorer.preflight(backup.id())).as("dry run, %s", mode)
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("'orders'").hasMessageContaining("orders_ai (AFTER INSERT)")
                        .hasMessageContaining("withDisableTriggers(false)");
                assertThatThrownBy(() -> restorer.restore(backup.id())).as("restore, %s", mode)
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("orders_ai (AFTER INSERT)");
            }
            assertThat(target.queryForLong("SELECT COUNT(*) FROM orders")).isZero();
            assertThat(target.queryForLong("SELECT COUNT(*) FROM order_log")).isZero();

            // The documented fix: drop the trigger for the restore, re-create it afterwards.
            target.execute("DROP TRIGGER orders_ai");
            restorer(store, target, RestoreOptions.defaults()).restore(backup.id());
            target.execute(ORDERS.get(2));
            assertThat(target.queryForLong("SELECT COUNT(*) FROM order_log WHERE order_id = id AND note = 'created'"))
                    .isEqualTo(2);
        }
    }

    @Test
    void issue13_systemVersionedTablesWithInvisiblePeriodColumnsRestoreExactly(TestDatabase db) throws Exception {
        List<String> ddl = List.of("CREATE TABLE prices (id INT PRIMARY KEY, amount INT,"
                + " rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
                + " re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
                + " PERIOD FOR SYSTEM_TIME(rs, re)) WITH SYSTEM VERSIONING",
                "CREATE TABLE stock (id INT PRIMARY KEY, qty INT) WITH SYSTEM VERSIONING");
        try (TestDatabase source = db.createSibling(); TestDatabase target = db.createSibling()) {
            source.execute(ddl.toArray(String[]::new));
            source.execute("SET SESSION time_zone = '+00:00'", "SET TIMESTAMP = UNIX_TIMESTAMP('2020-01-01 10:00:00.25')",
                    "INSERT INTO prices (id, amount) VALUES (1, 100), (2, 200)", "INSERT INTO stock VALUES (1, 5)");
            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = backup(source, store, "prices", "stock");

            target.execute(ddl.toArray(String[]::new));
            restorer(store, target, RestoreOptions.defaults()).restore(backup.id());
            String current = "SELECT id, amount, CAST(rs AS CHAR), CAST(re AS CHAR) FROM prices ORDER BY id";
            assertThat(Issue12MariaDbValuesIT.rows(target, current)).isEqualTo(Issue12MariaDbValuesIT.rows(source, current))
                    .containsEntry(1, List.of("100", "2020-01-01 10:00:00.250000", "2038-01-19 03:14:07.999999"));
            assertThat(target.queryForLong("SELECT COUNT(*) FROM stock WHERE qty = 5")).isEqualTo(1);

            // UPSERT into a changed versioned table: values merged; the period is the database's to keep.
            target.execute("UPDATE prices SET amount = 999 WHERE id = 1", "DELETE FROM prices WHERE id = 2");
            restorer(store, target, RestoreOptions.defaults().withMode(RestoreMode.UPSERT)).restore(backup.id());
            assertThat(Issue12MariaDbValuesIT.rows(target, "SELECT id, amount FROM prices ORDER BY id"))
                    .isEqualTo(Map.of(1, List.of("100"), 2, List.of("200")));
        }
    }
}
