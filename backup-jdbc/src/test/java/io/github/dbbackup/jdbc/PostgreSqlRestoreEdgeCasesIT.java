package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlRestoreEdgeCasesIT extends RestoreEdgeCasesContract {

    @Override
    List<String> schema() {
        return List.of(
                "CREATE TABLE folders (id INT PRIMARY KEY, parent_id INT REFERENCES folders (id), name TEXT NOT NULL)",
                "CREATE TABLE owners (id INT PRIMARY KEY, name TEXT NOT NULL, pet_id INT)",
                "CREATE TABLE pets (id INT PRIMARY KEY, name TEXT NOT NULL, owner_id INT REFERENCES owners (id))",
                "ALTER TABLE owners ADD CONSTRAINT owners_pet_fk FOREIGN KEY (pet_id) REFERENCES pets (id)",
                "CREATE TABLE egg (id INT PRIMARY KEY, chicken_id INT NOT NULL)",
                "CREATE TABLE chicken (id INT PRIMARY KEY, egg_id INT NOT NULL)",
                "ALTER TABLE egg ADD CONSTRAINT egg_chicken_fk FOREIGN KEY (chicken_id) REFERENCES chicken (id)"
                        + " NOT VALID");
    }

    @Override
    CycleStrategy notNullCycleStrategy() {
        return CycleStrategy.REPLICATION_ROLE; // the test role is a superuser
    }

    @Test
    void defersADeferrableNotNullCycle() {
        source.execute("CREATE TABLE a (id INT PRIMARY KEY, b_id INT NOT NULL)",
                "CREATE TABLE b (id INT PRIMARY KEY, a_id INT NOT NULL REFERENCES a (id) DEFERRABLE)",
                "ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id) DEFERRABLE INITIALLY DEFERRED",
                "BEGIN; INSERT INTO a VALUES (1, 2); INSERT INTO b VALUES (2, 1); COMMIT");
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "a", "b");
        try (TestDatabase target = source.createSibling()) {
            target.execute("CREATE TABLE a (id INT PRIMARY KEY, b_id INT NOT NULL)",
                    "CREATE TABLE b (id INT PRIMARY KEY, a_id INT NOT NULL REFERENCES a (id) DEFERRABLE)",
                    "ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id) DEFERRABLE INITIALLY DEFERRED");
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().restore(backup.id());
            assertThat(report.plan().cycles()).singleElement()
                    .satisfies(c -> assertThat(c.strategy()).isEqualTo(CycleStrategy.DEFERRED_CONSTRAINTS));
            assertThat(target.queryForLong("SELECT b_id FROM a WHERE id = 1")).isEqualTo(2);
        } finally {
            source.execute("DROP TABLE a, b CASCADE");
        }
    }

    @Test
    void aTriggerSettingUpdatedAtDoesNotChangeRestoredValues() {
        String ddl = "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, updated_at TIMESTAMP NOT NULL)";
        String function = "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS"
                + " 'BEGIN NEW.updated_at := now(); RETURN NEW; END'";
        String trigger = "CREATE TRIGGER notes_touch BEFORE INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()";
        source.execute(ddl, "INSERT INTO notes VALUES (1, 'old note', TIMESTAMP '2020-01-02 03:04:05.123456')");
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "notes");
        try (TestDatabase target = source.createSibling()) {
            target.execute(ddl, function, trigger);
            Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource())).audit(AuditSink.noop()).build()
                    .restore(backup.id());
            assertThat(target.queryForLong("SELECT COUNT(*) FROM notes WHERE updated_at = TIMESTAMP '2020-01-02 03:04:05.123456'"))
                    .isEqualTo(1);
            // the trigger fires again after the restore
            target.execute("INSERT INTO notes VALUES (2, 'new', TIMESTAMP '2000-01-01 00:00:00')");
            assertThat(target.queryForLong("SELECT COUNT(*) FROM notes WHERE id = 2 AND updated_at > TIMESTAMP '2020-01-01'"))
                    .isEqualTo(1);

            try (TestDatabase second = source.createSibling()) {
                second.execute(ddl, function, trigger);
                RestoreReport kept = Restorer.builder().store(store).target(JdbcTarget.of(second.dataSource()))
                        .options(RestoreOptions.defaults().withDisableTriggers(false)).audit(AuditSink.noop()).build()
                        .restore(backup.id());
                assertThat(second.queryForLong("SELECT COUNT(*) FROM notes WHERE updated_at > TIMESTAMP '2020-01-03'"))
                        .as("with triggers kept, the trigger rewrote updated_at").isEqualTo(1);
                assertThat(kept.warnings()).isEmpty();
            }
        } finally {
            source.execute("DROP TABLE notes");
        }
    }

    @Test
    void movesSequencesThatAreNotOwnedByTheColumnPastTheRestoredMaximum() {
        String ddl = "CREATE SEQUENCE shared_ids START 1; CREATE TABLE invoices (id BIGINT PRIMARY KEY DEFAULT"
                + " nextval('shared_ids'), total NUMERIC(10,2)); CREATE TABLE credits (id BIGINT PRIMARY KEY DEFAULT"
                + " nextval('shared_ids'), total NUMERIC(10,2)); CREATE TABLE tags (id SERIAL PRIMARY KEY, label TEXT);"
                + " CREATE TABLE labels (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label TEXT)";
        source.execute(ddl, "INSERT INTO invoices VALUES (40, 1), (41, 2)", "INSERT INTO credits VALUES (7, 3)",
                "INSERT INTO tags VALUES (12, 'x')", "INSERT INTO labels OVERRIDING SYSTEM VALUE VALUES (30, 'y')");
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables("invoices", "credits", "tags", "labels").strict(false).build())
                .audit(AuditSink.noop()).build().backup();
        try (TestDatabase target = source.createSibling()) {
            target.execute(ddl);
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().restore(backup.id());
            assertThat(report.checks()).anySatisfy(c -> assertThat(c).contains("shared_ids"));
            target.execute("INSERT INTO invoices (total) VALUES (9)", "INSERT INTO credits (total) VALUES (9)",
                    "INSERT INTO tags (label) VALUES ('new')", "INSERT INTO labels (label) VALUES ('new')");
            assertThat(target.queryForLong("SELECT MIN(id) FROM invoices WHERE total = 9")).isGreaterThan(41);
            assertThat(target.queryForLong("SELECT MAX(id) FROM tags")).isEqualTo(13);
            assertThat(target.queryForLong("SELECT MAX(id) FROM labels")).isEqualTo(31);
        } finally {
            source.execute("DROP TABLE invoices, credits, tags, labels", "DROP SEQUENCE shared_ids");
        }
    }

    @Test
    void aTableOwnerWithoutSuperuserDropsAndRecreatesTheCycleConstraints() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "chicken", "egg");
        try (TestDatabase target = emptyTarget()) {
            String role = "dbbackup_owner_" + Long.toHexString(System.nanoTime());
            target.execute("CREATE ROLE " + role + " LOGIN", "ALTER TABLE chicken OWNER TO " + role,
                    "ALTER TABLE egg OWNER TO " + role, "GRANT USAGE, CREATE ON SCHEMA public TO " + role);
            try {
                javax.sql.DataSource asOwner = UrlDataSource.of(target.jdbcUrl().replaceFirst("user=[^&]*", "user=" + role));
                RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(asOwner))
                        .audit(AuditSink.noop()).build().restore(backup.id());
                assertThat(report.plan().cycles()).singleElement()
                        .satisfies(c -> assertThat(c.strategy()).isEqualTo(CycleStrategy.DROP_AND_RECREATE));
                assertThat(target.queryForLong("SELECT COUNT(*) FROM pg_constraint WHERE conname IN"
                        + " ('chicken_egg_fk', 'egg_chicken_fk')")).isEqualTo(2);
                assertThat(target.queryForLong("SELECT egg_id FROM chicken WHERE id = 1")).isEqualTo(100);
            } finally {
                target.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role, "DROP ROLE " + role);
            }
        }
    }

    @Override
    String[] cycleRows() {
        return new String[] {"BEGIN; SET CONSTRAINTS ALL DEFERRED; SET LOCAL session_replication_role = replica; INSERT INTO chicken VALUES (55, 555); INSERT INTO egg VALUES (555, 55); COMMIT"};
    }

    @Test
    void foreignKeysCheckedInBulkStillRejectRowsPointingAtNothing() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "pets"); // pets.owner_id -> owners, which the backup leaves out
        try (TestDatabase target = emptyTarget()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Restorer.builder().store(store)
                    .target(JdbcTarget.of(target.dataSource())).options(RestoreOptions.defaults().withStrict(false))
                    .audit(AuditSink.noop()).build().restore(backup.id()))
                    .hasMessageContaining("pets_owner_id_fkey");
            assertThat(target.queryForLong("SELECT COUNT(*) FROM pets")).isZero();
            assertThat(target.queryForLong("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'pets_owner_id_fkey'"))
                    .as("the dropped constraint is back after the rollback").isEqualTo(1);
        }
    }

    @Test
    void anOwnerWritesNullableCyclesInOnePassWhenKeysAreCheckedInBulk() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        try (TestDatabase target = emptyTarget()) {
            RestoreReport report = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .audit(AuditSink.noop()).build().restore(backup.id());
            assertThat(report.checks()).contains("foreign-key cycles written in one pass (their keys are checked in bulk)")
                    .noneMatch(c -> c.startsWith("cycle columns of"));
            assertThat(target.queryForLong("SELECT parent_id FROM folders WHERE id = 2")).isEqualTo(5);
            assertThat(target.queryForLong("SELECT pet_id FROM owners WHERE id = 1")).isEqualTo(10);
        }
    }
}
