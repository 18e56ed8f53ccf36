package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestorePlan;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Restores of a small schema with the shapes that break hand-written restore scripts: a
 * self-reference whose parents have higher ids than their children, a nullable two-table cycle, a
 * NOT NULL two-table cycle; and corrupt, truncated, missing or foreign input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestoreEdgeCasesContract {

    TestDatabase source;

    /** DDL of the schema, without the NOT NULL cycle's second foreign key. */
    abstract List<String> schema();

    /** How the dialect writes the NOT NULL cycle with the test's role, or {@code null} when it cannot. */
    abstract CycleStrategy notNullCycleStrategy();

    @BeforeAll
    void createSource(TestDatabase db) {
        this.source = db;
        db.execute(schema().toArray(String[]::new));
        db.execute(
                "INSERT INTO folders (id, parent_id, name) VALUES (1, NULL, 'root')",
                "INSERT INTO folders (id, parent_id, name) VALUES (5, 1, 'parent with a higher id')",
                "INSERT INTO folders (id, parent_id, name) VALUES (2, 5, 'child of 5')",
                "INSERT INTO folders (id, parent_id, name) VALUES (3, 2, 'grandchild')",
                "INSERT INTO owners (id, name, pet_id) VALUES (1, 'ann', NULL)",
                "INSERT INTO pets (id, name, owner_id) VALUES (10, 'rex', 1)",
                "UPDATE owners SET pet_id = 10 WHERE id = 1",
                "INSERT INTO chicken (id, egg_id) VALUES (1, 100)",
                "INSERT INTO egg (id, chicken_id) VALUES (100, 1)",
                "ALTER TABLE chicken ADD CONSTRAINT chicken_egg_fk FOREIGN KEY (egg_id) REFERENCES egg (id)");
    }

    TestDatabase emptyTarget() {
        TestDatabase target = source.createSibling();
        target.execute(schema().toArray(String[]::new));
        target.execute("ALTER TABLE chicken ADD CONSTRAINT chicken_egg_fk FOREIGN KEY (egg_id) REFERENCES egg (id)");
        return target;
    }

    BackupResult backup(InMemoryBlobStore store, String... tables) {
        return Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables(tables).strict(false).build()).audit(AuditSink.noop()).build().backup();
    }

    Restorer restorer(InMemoryBlobStore store, TestDatabase target, List<AuditEvent> events) {
        return Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource())).audit(events::add).build();
    }

    @Test
    void restoresASelfReferenceWithParentsAfterChildrenAndANullableCycle() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        try (TestDatabase target = emptyTarget()) {
            RestoreReport report = restorer(store, target, new CopyOnWriteArrayList<>()).restore(Restorer.LATEST);
            assertThat(report.plan().cycles()).extracting(RestorePlan.Cycle::tables, RestorePlan.Cycle::strategy)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(List.of("folders"), CycleStrategy.NULL_THEN_UPDATE),
                            org.assertj.core.groups.Tuple.tuple(List.of("owners", "pets"), CycleStrategy.NULL_THEN_UPDATE));
            assertThat(target.queryForLong("SELECT parent_id FROM folders WHERE id = 2")).isEqualTo(5);
            assertThat(target.queryForLong("SELECT parent_id FROM folders WHERE id = 3")).isEqualTo(2);
            assertThat(target.queryForLong("SELECT COUNT(*) FROM folders WHERE parent_id IS NULL")).isEqualTo(1);
            assertThat(target.queryForLong("SELECT pet_id FROM owners WHERE id = 1")).isEqualTo(10);
            assertThat(report.rowsWritten()).containsEntry("folders", 4L);
            assertThat(backup.totalRows()).isEqualTo(report.totalRows());
        }
    }

    @Test
    void restoresANotNullCycleWhereTheRoleAllowsOtherwiseNamesTheCycle() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        backup(store, "chicken", "egg");
        try (TestDatabase target = emptyTarget()) {
            Restorer restorer = restorer(store, target, new CopyOnWriteArrayList<>());
            CycleStrategy expected = notNullCycleStrategy();
            if (expected == null) {
                assertThatThrownBy(() -> restorer.preflight(Restorer.LATEST))
                        .isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("[chicken, egg] form a foreign-key cycle")
                        .hasMessageContaining("chicken.egg_id → egg");
                assertThat(target.queryForLong("SELECT COUNT(*) FROM chicken")).isZero();
                return;
            }
            RestoreReport report = restorer.restore(Restorer.LATEST);
            assertThat(report.plan().cycles()).singleElement().satisfies(c -> {
                assertThat(c.tables()).containsExactly("chicken", "egg");
                assertThat(c.strategy()).isEqualTo(expected);
            });
            assertThat(report.checks()).anySatisfy(check -> assertThat(check).contains("integrity"));
            assertThat(target.queryForLong("SELECT egg_id FROM chicken WHERE id = 1")).isEqualTo(100);
            assertThat(target.queryForLong("SELECT chicken_id FROM egg WHERE id = 100")).isEqualTo(1);
            // the constraints are enforced again afterwards
            assertThatThrownBy(() -> target.execute("INSERT INTO chicken (id, egg_id) VALUES (2, 999)"))
                    .message().containsIgnoringCase("chicken_egg_fk");
        }
    }

    @Test
    void aBypassNeverCommitsRowsOrphanedOutsideTheBackup() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        backup(store, "chicken", "egg");
        try (TestDatabase target = emptyTarget()) {
            target.execute("CREATE TABLE nest (id INT PRIMARY KEY, egg_id INT NOT NULL,"
                            + " CONSTRAINT nest_egg_fk FOREIGN KEY (egg_id) REFERENCES egg (id))");
            target.execute(cycleRows());
            target.execute("INSERT INTO nest (id, egg_id) VALUES (1, 555)");
            Restorer replace = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .options(RestoreOptions.defaults().withMode(io.github.dbbackup.core.restore.RestoreMode.REPLACE).withStrict(false)
                            .withAllowReplaceWithReferences(true))
                    .audit(AuditSink.noop()).build();
            if (notNullCycleStrategy() == null) {
                // no bypass on this database: the restore must refuse the cycle before it deletes anything
                assertThatThrownBy(() -> replace.restore(Restorer.LATEST)).isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("form a foreign-key cycle");
            } else {
                // REPLACE deletes egg 555, which nest (outside the backup) still references: with the checks
                // bypassed for the cycle, only the integrity queries can catch it.
                assertThatThrownBy(() -> replace.restore(Restorer.LATEST)).hasMessageContaining("nest");
            }
            assertThat(target.queryForLong("SELECT COUNT(*) FROM nest WHERE egg_id = 555")).isEqualTo(1);
            assertThat(target.queryForLong("SELECT COUNT(*) FROM egg WHERE id = 555")).isEqualTo(1);
            assertThat(target.queryForLong("SELECT COUNT(*) FROM chicken")).isEqualTo(1);
        }
    }

    @Test
    void issue13_aFailedRestoreNamesTheConstraintButNoRowValue() {
        String secret = "alice.secret@example.com";
        source.execute("CREATE TABLE issue13_people (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL)",
                "INSERT INTO issue13_people (id, email) VALUES (1, '" + secret + "')",
                "INSERT INTO issue13_people (id, email) VALUES (2, '" + secret + "')");
        try {
            InMemoryBlobStore store = new InMemoryBlobStore();
            backup(store, "issue13_people");
            try (TestDatabase target = source.createSibling()) {
                target.execute("CREATE TABLE issue13_people (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL,"
                        + " CONSTRAINT issue13_people_email_key UNIQUE (email))");
                List<AuditEvent> events = new CopyOnWriteArrayList<>();
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                        () -> restorer(store, target, events).restore(Restorer.LATEST));
                assertThat(failure).isInstanceOf(io.github.dbbackup.core.BackupDatabaseException.class);
                java.io.StringWriter trace = new java.io.StringWriter();
                failure.printStackTrace(new java.io.PrintWriter(trace));
                assertThat(failure.getMessage()).containsIgnoringCase("issue13_people").contains("SQLState 23");
                assertThat(((io.github.dbbackup.core.BackupDatabaseException) failure).sqlState()).startsWith("23");
                assertThat(trace.toString()).as("stack trace").doesNotContain(secret).doesNotContain("alice.secret");
                assertThat(events).singleElement().satisfies(event -> {
                    assertThat(event.action()).isEqualTo(AuditAction.DATABASE_RESTORE_FAILED);
                    assertThat(event.detailsJson()).doesNotContain("alice.secret");
                });
                assertThat(target.queryForLong("SELECT COUNT(*) FROM issue13_people")).isZero();
            }
        } finally {
            source.execute("DROP TABLE issue13_people");
        }
    }

    /** Rows of a chicken/egg pair with ids the backup does not hold (555/55), inserted despite the cycle. */
    abstract String[] cycleRows();

    @Test
    void aFlippedByteFailsNamingThePartAndChangesNothing() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        PartInfo part = backup.manifest().partsOf("pets").get(0);
        byte[] bytes = store.bytes(part.key());
        bytes[bytes.length / 2] ^= 0x01;
        store.put(part.key(), out -> out.write(bytes));
        assertFailsAndChangesNothing(store, backup.id(), BackupFormatException.class, part.key());
    }

    @Test
    void aTruncatedPartFailsNamingThePartAndChangesNothing() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        PartInfo part = backup.manifest().partsOf("pets").get(0);
        byte[] bytes = store.bytes(part.key());
        store.put(part.key(), out -> out.write(Arrays.copyOf(bytes, bytes.length - 9)));
        assertFailsAndChangesNothing(store, backup.id(), BackupFormatException.class, part.key());
    }

    @Test
    void aMissingPartFailsNamingThePartAndChangesNothing() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        PartInfo part = backup.manifest().partsOf("pets").get(0);
        store.delete(part.key());
        assertFailsAndChangesNothing(store, backup.id(), BlobNotFoundException.class, part.key());
    }

    @Test
    void anUnknownFormatVersionFailsSayingSoAndChangesNothing() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        String key = Manifest.keyOf(backup.id());
        String manifest = new String(store.bytes(key), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : \"" + Manifest.CURRENT_FORMAT_VERSION + "\"", "\"formatVersion\" : \"2.0\"");
        store.put(key, out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));
        assertFailsAndChangesNothing(store, backup.id(), BackupFormatException.class, "format version 2.0");
    }

    @Test
    void aTableTheTargetLacksFailsTheStrictPreflightNamingIt() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = backup(store, "folders", "owners", "pets");
        try (TestDatabase target = emptyTarget()) {
            target.execute("DROP TABLE folders");
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> restorer(store, target, events).restore(backup.id()))
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("table 'folders' is in the backup but not in");
            assertThat(target.queryForLong("SELECT COUNT(*) FROM owners")).isZero();
            assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_RESTORE_FAILED);

            RestoreReport lenient = Restorer.builder().store(store).target(JdbcTarget.of(target.dataSource()))
                    .options(RestoreOptions.defaults().withStrict(false)).audit(AuditSink.noop()).build()
                    .restore(backup.id());
            assertThat(lenient.rowsWritten()).containsOnlyKeys("owners", "pets");
            assertThat(lenient.plan().decisions()).anySatisfy(d -> assertThat(d).contains("'folders'").contains("skipped"));
        }
    }

    private void assertFailsAndChangesNothing(InMemoryBlobStore store, String id, Class<? extends Exception> type,
            String message) {
        try (TestDatabase target = emptyTarget()) {
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> restorer(store, target, events).restore(id))
                    .isInstanceOf(type).hasMessageContaining(message);
            for (String table : List.of("folders", "owners", "pets")) {
                assertThat(target.queryForLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
            assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_RESTORE_FAILED);
        }
    }
}
