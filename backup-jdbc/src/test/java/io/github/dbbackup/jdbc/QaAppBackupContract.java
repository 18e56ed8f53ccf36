package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.TableSpec;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.examples.qaapp.QaAppData;
import io.github.dbbackup.examples.qaapp.QaAppPlan;
import io.github.dbbackup.examples.qaapp.QaAppSchema;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's backup of the QA-app schema, per dialect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QaAppBackupContract {

    TestDatabase db;
    Map<String, Integer> inserted;

    @BeforeAll
    void loadQaApp(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection c = db.dataSource().getConnection()) {
            QaAppSchema.Database kind = QaAppSchema.create(c);
            inserted = QaAppData.insert(c, kind, 1, 42L);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private Backups.Builder backups(io.github.dbbackup.core.spi.BlobStore store) {
        return Backups.builder().source(JdbcSource.of(db.dataSource())).store(store).plan(QaAppPlan.plan())
                .audit(AuditSink.noop());
    }

    @Test
    void backsUpTheRunbookTablesInForeignKeyOrderWithEveryRow(@TempDir Path dir) {
        FileSystemBlobStore store = FileSystemBlobStore.of(dir);
        BackupResult result = backups(store).build().backup();
        Manifest manifest = result.manifest();

        assertThat(manifest.restoreOrder()).containsExactlyInAnyOrderElementsOf(QaAppSchema.BACKED_UP_TABLES);
        List<String> order = manifest.restoreOrder();
        assertThat(order.indexOf("projects")).isGreaterThan(order.indexOf("teams"));
        assertThat(order.indexOf("test_cases")).isGreaterThan(order.indexOf("test_suites"));
        assertThat(order.indexOf("test_runs")).isGreaterThan(order.indexOf("test_cases"));
        assertThat(order.indexOf("team_members")).isGreaterThan(order.indexOf("users"));
        assertThat(manifest.excludedTables()).extracting(ExcludedTable::table)
                .containsExactlyInAnyOrderElementsOf(QaAppSchema.EXCLUDED_TABLES);
        assertThat(manifest.excludedTables()).allSatisfy(x -> assertThat(x.reason()).isNotBlank());
        assertThat(manifest.excludedTables()).filteredOn(x -> x.table().equals("slack_integration"))
                .extracting(ExcludedTable::requiredAction).containsExactly("Users must re-connect Slack");

        for (BackedUpTable table : manifest.tables()) {
            assertThat(table.rows()).as("rows of %s", table.name())
                    .isEqualTo(countRows(table.name())).isEqualTo(inserted.get(table.name()).longValue());
        }
        BackupReader set = BackupReader.open(store, result.id());
        for (String table : manifest.restoreOrder()) {
            assertThat(set.forEachRow(table, row -> { })).isEqualTo(manifest.table(table).orElseThrow().rows());
        }
        BackedUpTable users = manifest.table("users").orElseThrow();
        assertThat(users.schema().columnNames()).doesNotContain("password_hash");
        assertThat(users.excludedColumns()).singleElement().satisfies(x -> {
            assertThat(x.column().name()).isEqualTo("password_hash");
            assertThat(x.placeholder()).isEqualTo("RESET_REQUIRED");
            assertThat(x.column().nullable()).isFalse();
        });
    }

    @Test
    void passwordHashesAndSecretsNeverAppearInAnyByteOfTheSet() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult result = backups(store).build().backup();
        List<String> secrets = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            secrets.addAll(QaAppData.passwordHashes(c));
            secrets.addAll(QaAppData.secrets(c));
        }
        assertThat(secrets).isNotEmpty();
        StringBuilder everything = new StringBuilder();
        for (BlobInfo blob : store.list(result.id() + "/")) {
            byte[] bytes = store.bytes(blob.key());
            everything.append(new String(bytes, StandardCharsets.ISO_8859_1));
            if (blob.key().endsWith(".gz")) {
                everything.append(new String(gunzip(bytes), StandardCharsets.UTF_8));
            }
        }
        assertThat(everything.toString()).contains("RESET_REQUIRED"); // the search does look into the set
        for (String secret : secrets) {
            assertThat(everything.toString()).doesNotContain(secret);
        }
    }

    @Test
    void twoBackupsOfTheSameDataHaveByteIdenticalParts() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult first = backups(store).build().backup();
        BackupResult second = backups(store).build().backup();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.parts()).extracting(PartInfo::sha256)
                .containsExactlyElementsOf(first.parts().stream().map(PartInfo::sha256).toList());
    }

    @Test
    void strictPlanFailsNamingAnUnclassifiedTableAndWritesNothing() throws Exception {
        db.execute("CREATE TABLE feature_flags (id INT PRIMARY KEY, name VARCHAR(50))");
        try {
            InMemoryBlobStore store = new InMemoryBlobStore();
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> backups(store).audit(events::add).build().backup())
                    .isInstanceOf(SchemaMismatchException.class)
                    .hasMessageContaining("'feature_flags'")
                    .hasMessageContaining("neither includes nor excludes")
                    .hasMessageContaining("Nothing was written");
            assertThat(store.list("")).isEmpty();
            assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
            assertThat(events.get(0).details().get("cause").toString()).contains("feature_flags");
        } finally {
            db.execute("DROP TABLE feature_flags");
        }
    }

    @Test
    void planNamingAMissingColumnFailsNamingIt() {
        BackupPlan plan = BackupPlan.builder().table(TableSpec.of("users").excludeColumns("pasword_hash"))
                .strict(false).build();
        InMemoryBlobStore store = new InMemoryBlobStore();
        assertThatThrownBy(() -> backups(store).plan(plan).build().backup())
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("'users.pasword_hash'");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void storeFailingMidBackupRecordsFailureAndLeavesNoManifest() {
        InMemoryBlobStore memory = new InMemoryBlobStore();
        int[] puts = {0};
        io.github.dbbackup.core.spi.BlobStore failing = new io.github.dbbackup.core.spi.BlobStore() {
            @Override
            public void put(String key, io.github.dbbackup.core.spi.BlobWriter writer) {
                if (++puts[0] == 4) {
                    throw new io.github.dbbackup.core.BackupStorageException(key, "disk full (injected)", null);
                }
                memory.put(key, writer);
            }

            @Override
            public InputStream open(String key) {
                return memory.open(key);
            }

            @Override
            public List<BlobInfo> list(String prefix) {
                return memory.list(prefix);
            }

            @Override
            public void delete(String key) {
                memory.delete(key);
            }
        };
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> backups(failing).audit(events::add).build().backup())
                .hasMessageContaining("disk full (injected)");
        assertThat(memory.list("")).extracting(BlobInfo::key).noneMatch(k -> k.endsWith(Manifest.FILE_NAME));
        assertThat(memory.list("")).isEmpty();
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void jdbcAuditSinkMakesTheRunbookMonitoringQueryWork() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult result = backups(store).audit(JdbcAuditSink.of(db.dataSource())).build().backup();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action, details FROM audit_log"
                        + " WHERE action = 'DATABASE_BACKUP_CREATED' ORDER BY created_at DESC")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("details")).contains("\"backupId\":\"" + result.id() + "\"")
                    .contains("\"rows\":" + result.totalRows()).contains("\"tables\":" + result.tables().size());
        }
    }

    private long countRows(String table) {
        return db.queryForLong("SELECT COUNT(*) FROM " + table);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
