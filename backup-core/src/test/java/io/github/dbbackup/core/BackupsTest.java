package io.github.dbbackup.core;

import static io.github.dbbackup.core.testing.FakeBackupSource.row;
import static io.github.dbbackup.core.testing.Schemas.EVERY_TYPE;
import static io.github.dbbackup.core.testing.Schemas.array;
import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.everyTypeRow;
import static io.github.dbbackup.core.testing.Schemas.fk;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static io.github.dbbackup.core.testing.Schemas.tableWithId;
import static io.github.dbbackup.core.testing.Schemas.withForeignKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.plan.TableSpec;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.core.testing.BackupSetReader;
import io.github.dbbackup.core.testing.FakeBackupSource;
import io.github.dbbackup.core.testing.FaultInjectingBlobStore;
import io.github.dbbackup.core.testing.MutableClock;
import io.github.dbbackup.core.testing.RecordingAuditSink;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackupsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private static final String SECRET_HASH = "$argon2id$v=19$m=65536$SECRET-HASH-7f3a9c";
    private static final String SECRET_TOTP = "TOTP-SEED-QWERTY-42";

    private static final TableSchema TEAMS = tableWithId("teams", notNull("name", ValueType.STRING));
    private static final TableSchema USERS = withForeignKeys(
            tableWithId("users", notNull("team_id", ValueType.INTEGER), notNull("email", ValueType.STRING),
                    notNull("password_hash", ValueType.STRING), column("totp_secret", ValueType.STRING),
                    column("manager_id", ValueType.INTEGER)),
            fk("team_id", "teams", "id"), fk("manager_id", "users", "id"));
    private static final TableSchema PROJECTS = withForeignKeys(
            tableWithId("projects", notNull("team_id", ValueType.INTEGER), column("name", ValueType.STRING),
                    column("budget", ValueType.DECIMAL), column("starts", ValueType.DATE),
                    column("created_at", ValueType.TIMESTAMP_TZ), array("tags", ValueType.STRING)),
            fk("team_id", "teams", "id"));
    private static final TableSchema TEST_RUNS = withForeignKeys(
            tableWithId("test_runs", notNull("project_id", ValueType.INTEGER), column("passed", ValueType.BOOLEAN)),
            fk("project_id", "projects", "id"));
    private static final TableSchema SESSIONS = tableWithId("sessions", notNull("token", ValueType.STRING));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBlobStore memory = new InMemoryBlobStore(clock);
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final FakeBackupSource source = new FakeBackupSource();

    BackupsTest() {
        source.table(TEAMS, row("id", 2L, "name", "Platform"), row("id", 1L, "name", "Core \"QA\" ✓"));
        source.table(USERS,
                row("id", 11L, "team_id", 2L, "email", "b@example.com", "password_hash", SECRET_HASH,
                        "totp_secret", SECRET_TOTP, "manager_id", 10L),
                row("id", 10L, "team_id", 1L, "email", "a@example.com", "password_hash", SECRET_HASH,
                        "totp_secret", null, "manager_id", null));
        source.table(PROJECTS,
                row("id", 100L, "team_id", 1L, "name", "Backups", "budget", new BigDecimal("1234567890123.45"),
                        "starts", LocalDate.of(2026, 1, 1),
                        "created_at", OffsetDateTime.of(2026, 1, 1, 9, 30, 0, 123_456_000, ZoneOffset.ofHours(2)),
                        "tags", new ArrayList<>(Arrays.asList("dr", null, "json"))),
                row("id", 101L, "team_id", 2L, "name", null, "budget", null, "starts", null, "created_at", null,
                        "tags", null));
        source.table(TEST_RUNS);
        source.table(SESSIONS, row("id", 1L, "token", "session-token-must-not-leak"));
        source.table(EVERY_TYPE, everyTypeRow(1), everyTypeRow(2), row("id", 3L));
    }

    private static BackupPlan plan() {
        return BackupPlan.builder()
                .tables("teams", "projects", "test_runs", "every_type")
                .table(TableSpec.of("users")
                        .excludeColumn("password_hash", "Every user must reset their password")
                        .placeholder("password_hash", "RESET_REQUIRED")
                        .excludeColumns("totp_secret"))
                .excludeTable("sessions", "Ephemeral login sessions", "Users must sign in again")
                .build();
    }

    private Backups.Builder backups() {
        return Backups.builder().source(source).store(store).plan(plan()).audit(audit).clock(clock);
    }

    /** Values with arrays replaced by their hex, so that rows compare by content. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BackupsTest::comparable).collect(Collectors.toCollection(ArrayList::new));
        }
        return value;
    }

    private static List<Map<String, Object>> comparable(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((k, v) -> copy.put(k, comparable(v)));
            out.add(copy);
        }
        return out;
    }

    /** The source's rows of {@code table} as a backup must hold them: only the backed-up columns, by primary key. */
    private List<Map<String, Object>> expectedRows(TableSchema table, List<Map<String, Object>> sourceRows,
            List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : sourceRows) {
            Map<String, Object> projected = new LinkedHashMap<>();
            for (String c : columns) {
                projected.put(c, r.get(c));
            }
            rows.add(projected);
        }
        rows.sort(Comparator.comparing(r -> (Long) r.get(table.primaryKey().get(0))));
        return comparable(rows);
    }

    // ---------------------------------------------------------------- the set

    @Test
    void writesEveryPartAndThenTheManifestLast() {
        BackupResult result = backups().build().backup();

        String id = result.id();
        List<String> puts = store.attemptedPuts();
        // the lease (decision 0015) first, then the parts, the manifest last; the lease goes once the set is complete
        assertThat(puts).first().isEqualTo(id + "/lease.json");
        assertThat(puts).last().isEqualTo(id + "/manifest.json");
        assertThat(puts.subList(1, puts.size() - 1))
                .containsExactlyElementsOf(result.parts().stream().map(PartInfo::key).toList());
        assertThat(memory.list(id + "/")).extracting(BlobInfo::key)
                .containsExactlyInAnyOrderElementsOf(puts.subList(1, puts.size()));
        assertThat(memory.list("")).hasSize(puts.size() - 1);
        assertThat(store.attemptedDeletes()).containsExactly(id + "/lease.json");
    }

    @Test
    void namesTheSetAfterTheClock() {
        BackupResult result = backups().build().backup();

        assertThat(result.id()).matches("backup-20261129T030000Z-[0-9a-z]{6}");
        assertThat(result.manifest().createdAt()).isEqualTo(NOW);
        assertThat(result.manifest().completedAt()).isEqualTo(NOW);
        assertThat(result.parts()).allSatisfy(p -> assertThat(p.key()).startsWith(result.id() + "/"));
    }

    @Test
    void writesAManifestThatReadsBackEqualToTheResult() {
        BackupResult result = backups().build().backup();

        Manifest stored = BackupSetReader.manifest(memory, result.id());

        assertThat(stored).isEqualTo(result.manifest());
        assertThat(stored.formatVersion()).isEqualTo(Manifest.CURRENT_FORMAT_VERSION).isEqualTo("1.2");
        assertThat(stored.codec()).isEqualTo("gzip");
        assertThat(stored.strict()).isTrue();
        assertThat(stored.source()).isEqualTo(FakeBackupSource.DEFAULT_INFO);
        assertThat(stored.restoreOrder()).containsExactly("every_type", "teams", "projects", "test_runs", "users");
        assertThat(stored.tables()).extracting(BackedUpTable::name).containsExactlyElementsOf(stored.restoreOrder());
        assertThat(stored.excludedTables()).containsExactly(
                new ExcludedTable("sessions", "Ephemeral login sessions", "Users must sign in again"));
        BackedUpTable users = stored.table("users").orElseThrow();
        assertThat(users.schema().columnNames()).containsExactly("id", "team_id", "email", "manager_id");
        assertThat(users.excludedColumns()).containsExactly(
                new ExcludedColumn(USERS.column("password_hash").orElseThrow(), "RESET_REQUIRED",
                        "Every user must reset their password"),
                new ExcludedColumn(USERS.column("totp_secret").orElseThrow(), null, ""));
        assertThat(users.schema().foreignKeys()).containsExactlyElementsOf(USERS.foreignKeys());
        assertThat(stored.table("teams").orElseThrow().rows()).isEqualTo(2);
        assertThat(stored.totalRows()).isEqualTo(2 + 2 + 2 + 0 + 3);
        assertThat(result.totalRows()).isEqualTo(stored.totalRows());
        assertThat(result.totalBytes()).isEqualTo(result.parts().stream().mapToLong(PartInfo::bytes).sum());
        for (PartInfo part : result.parts()) {
            assertThat(memory.bytes(part.key())).hasSize((int) part.bytes());
        }
    }

    @Test
    void readsBackEveryRowAndValueOfTheSource() {
        BackupResult result = backups().build().backup();
        Manifest m = BackupSetReader.manifest(memory, result.id());

        assertThat(comparable(BackupSetReader.rows(memory, m, "every_type")))
                .isEqualTo(expectedRows(EVERY_TYPE, List.of(everyTypeRow(1), everyTypeRow(2), row("id", 3L)),
                        EVERY_TYPE.columnNames()));
        assertThat(comparable(BackupSetReader.rows(memory, m, "teams"))).containsExactly(
                Map.of("id", 1L, "name", "Core \"QA\" ✓"), Map.of("id", 2L, "name", "Platform"));
        assertThat(comparable(BackupSetReader.rows(memory, m, "users"))).isEqualTo(List.of(
                mapOf("id", 10L, "team_id", 1L, "email", "a@example.com", "manager_id", null),
                mapOf("id", 11L, "team_id", 2L, "email", "b@example.com", "manager_id", 10L)));
        assertThat(comparable(BackupSetReader.rows(memory, m, "projects"))).isEqualTo(List.of(
                mapOf("id", 100L, "team_id", 1L, "name", "Backups", "budget", new BigDecimal("1234567890123.45"),
                        "starts", LocalDate.of(2026, 1, 1),
                        "created_at", OffsetDateTime.of(2026, 1, 1, 9, 30, 0, 123_456_000, ZoneOffset.ofHours(2)),
                        "tags", Arrays.asList("dr", null, "json")),
                mapOf("id", 101L, "team_id", 2L, "name", null, "budget", null, "starts", null, "created_at", null,
                        "tags", null)));
        assertThat(BackupSetReader.rows(memory, m, "test_runs")).isEmpty();
    }

    private static Map<String, Object> mapOf(Object... namesAndValues) {
        return FakeBackupSource.row(namesAndValues);
    }

    @Test
    void asksTheSourceForPlannedColumnsOrderedByPrimaryKeyWithTheRowFilter() {
        BackupPlan plan = BackupPlan.builder()
                .table(TableSpec.of("users").excludeColumns("password_hash", "totp_secret").where("deleted_at IS NULL"))
                .strict(false)
                .build();

        Backups.builder().source(source).store(store).plan(plan).audit(audit).clock(clock).build().backup();

        RowQuery query = source.queries().stream().filter(q -> q.table().name().equals("users")).findFirst().orElseThrow();
        assertThat(query.columns()).extracting(ColumnSchema::name).containsExactly("id", "team_id", "email", "manager_id");
        assertThat(query.orderBy()).containsExactly("id");
        assertThat(query.rowFilter()).isEqualTo("deleted_at IS NULL");
        assertThat(source.queries()).hasSize(1);
    }

    @Test
    void neverWritesAnExcludedColumnIntoAnyPart() {
        BackupResult result = backups().maxPartBytes(1024).build().backup();
        Manifest m = BackupSetReader.manifest(memory, result.id());

        for (PartInfo part : m.parts()) {
            String json = new String(BackupSetReader.decompressed(memory, m, part), StandardCharsets.UTF_8);
            assertThat(json).as(part.key()).doesNotContain(SECRET_HASH).doesNotContain("SECRET-HASH")
                    .doesNotContain(SECRET_TOTP).doesNotContain("password_hash").doesNotContain("totp_secret")
                    .doesNotContain("session-token-must-not-leak");
        }
        String manifest = new String(memory.bytes(Manifest.keyOf(result.id())), StandardCharsets.UTF_8);
        assertThat(manifest).doesNotContain(SECRET_HASH).doesNotContain(SECRET_TOTP);
        assertThat(source.queries()).flatExtracting(RowQuery::columns).extracting(ColumnSchema::name)
                .doesNotContain("password_hash", "totp_secret", "token");
        assertThat(audit.events()).extracting(AuditEvent::detailsJson)
                .allSatisfy(json -> assertThat(json).doesNotContain(SECRET_HASH));
    }

    // ---------------------------------------------------------------- parts

    @Test
    void splitsALargeTableIntoContiguousParts() {
        TableSchema big = tableWithId("big", column("payload", ValueType.STRING));
        List<Map<String, Object>> rows = IntStream.range(0, 300)
                .mapToObj(i -> row("id", (long) (299 - i), "payload", "row-" + (299 - i) + "-" + "x".repeat(40)))
                .toList();
        source.table(big, rows);
        BackupPlan plan = BackupPlan.builder().tables("big").strict(false).build();

        BackupResult result = Backups.builder().source(source).store(store).plan(plan).audit(audit).clock(clock)
                .maxPartBytes(2048).build().backup();

        List<PartInfo> parts = result.manifest().partsOf("big");
        assertThat(parts).hasSizeGreaterThan(5);
        assertThat(parts).extracting(PartInfo::index).containsExactlyElementsOf(IntStream.range(0, parts.size()).boxed()
                .toList());
        assertThat(parts).extracting(PartInfo::key).containsExactlyElementsOf(IntStream.range(0, parts.size())
                .mapToObj(i -> String.format("%s/0000-big-%04d.json.gz", result.id(), i)).toList());
        assertThat(parts).allSatisfy(p -> assertThat(p.rows()).isPositive());
        assertThat(parts.stream().mapToLong(PartInfo::rows).sum()).isEqualTo(300);
        assertThat(result.manifest().table("big").orElseThrow().rows()).isEqualTo(300);
        assertThat(result.manifest().table("big").orElseThrow().bytes())
                .isEqualTo(parts.stream().mapToLong(PartInfo::bytes).sum());
        for (PartInfo part : parts) {
            long uncompressed = BackupSetReader.decompressed(memory, result.manifest(), part).length;
            long lastRow = 60; // one row of this table is well under 100 bytes of JSON
            assertThat(uncompressed).as(part.key()).isLessThan(2048 + lastRow + 100);
        }
        assertThat(BackupSetReader.rows(memory, result.manifest(), "big")).extracting(r -> r.get("id"))
                .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> (Object) (long) i).toList());
    }

    @Test
    void putsAtLeastOneRowInEveryPartEvenIfItExceedsTheLimit() {
        TableSchema wide = tableWithId("wide", column("blob", ValueType.STRING));
        source.table(wide, row("id", 1L, "blob", "x".repeat(5000)), row("id", 2L, "blob", "y".repeat(5000)));
        BackupPlan plan = BackupPlan.builder().tables("wide").strict(false).build();

        BackupResult result = Backups.builder().source(source).store(store).plan(plan).audit(audit).clock(clock)
                .maxPartBytes(1024).build().backup();

        assertThat(result.manifest().partsOf("wide")).extracting(PartInfo::rows).containsExactly(1L, 1L);
    }

    @Test
    void writesOnePartWithNoRowsForAnEmptyTable() {
        BackupResult result = backups().build().backup();

        List<PartInfo> parts = result.manifest().partsOf("test_runs");
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).rows()).isZero();
        assertThat(parts.get(0).index()).isZero();
        assertThat(result.manifest().table("test_runs").orElseThrow().rows()).isZero();
        String json = new String(BackupSetReader.decompressed(memory, result.manifest(), parts.get(0)),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"rows\":[],\"rowCount\":0,\"end\":true}");
    }

    @Test
    void writesByteIdenticalPartsForTheSameData() {
        BackupResult first = backups().build().backup();
        clock.advance(Duration.ofHours(24));
        BackupResult second = backups().build().backup();

        assertThat(second.id()).isNotEqualTo(first.id()).startsWith("backup-20261130T030000Z-");
        assertThat(second.parts()).extracting(PartInfo::sha256).containsExactlyElementsOf(
                first.parts().stream().map(PartInfo::sha256).toList());
        for (int i = 0; i < first.parts().size(); i++) {
            assertThat(memory.bytes(second.parts().get(i).key())).isEqualTo(memory.bytes(first.parts().get(i).key()));
        }
    }

    @Test
    void writesUncompressedPartsWithTheNoneCodec() {
        BackupResult result = backups().codec(Codecs.NONE).build().backup();

        assertThat(result.manifest().codec()).isEqualTo("none");
        assertThat(result.parts()).allSatisfy(p -> assertThat(p.key()).endsWith(".json"));
        PartInfo teams = result.manifest().partsOf("teams").get(0);
        assertThat(new String(memory.bytes(teams.key()), StandardCharsets.UTF_8)).startsWith(
                "{\"format\":\"dbbackup.part\",\"formatVersion\":\"1.2\",\"table\":\"teams\"");
        assertThat(BackupSetReader.rows(memory, result.manifest(), "teams")).hasSize(2);
    }

    @Test
    void writesGzipPartsByDefault() {
        BackupResult result = backups().build().backup();

        assertThat(result.parts()).allSatisfy(p -> {
            assertThat(p.key()).endsWith(".json.gz");
            byte[] bytes = memory.bytes(p.key());
            assertThat(bytes[0]).isEqualTo((byte) 0x1f);
            assertThat(bytes[1]).isEqualTo((byte) 0x8b);
        });
    }

    // ---------------------------------------------------------------- audit

    @Test
    void auditsTheCreatedSetWithItsFigures() {
        BackupResult result = backups().build().backup();

        AuditEvent event = audit.single(AuditAction.DATABASE_BACKUP_CREATED);
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED);
        assertThat(event.backupId()).isEqualTo(result.id());
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.details()).containsEntry("tables", 5).containsEntry("rows", 9L)
                .containsEntry("bytes", result.totalBytes()).containsEntry("parts", result.parts().size())
                .containsEntry("durationMs", result.duration().toMillis())
                .containsEntry("source", "FakeDB").containsEntry("schema", "public");
        assertThat(event.detailsJson()).startsWith("{\"backupId\":\"" + result.id() + "\",\"tables\":5,\"rows\":9,");
    }

    @Test
    void aFailingAuditSinkDoesNotFailAGoodBackup() {
        audit.failWith(new IllegalStateException("audit table is locked"));

        BackupResult result = backups().build().backup();

        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED);
        assertThat(BackupSetReader.manifest(memory, result.id())).isEqualTo(result.manifest());
    }

    // ---------------------------------------------------------------- failures

    @Test
    void removesWrittenPartsAndAuditsTheCauseWhenTheStoreFailsOnTheSecondPart() {
        store.failPut(2);

        assertThatThrownBy(() -> backups().build().backup())
                .isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("Injected failure storing blob");

        List<String> puts = store.attemptedPuts();
        assertThat(puts).hasSize(2).noneMatch(k -> k.endsWith("manifest.json"));
        assertThat(memory.list("")).isEmpty();
        // newest first, so that a manifest, had one been stored, would go before the parts it names
        assertThat(store.attemptedDeletes()).containsExactlyElementsOf(reversed(puts));
        AuditEvent failed = audit.single(AuditAction.DATABASE_BACKUP_FAILED);
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
        assertThat(failed.backupId()).isEqualTo(puts.get(0).substring(0, puts.get(0).indexOf('/')));
        assertThat((String) failed.details().get("cause")).contains("Injected failure storing blob '" + puts.get(1) + "'");
        assertThat(failed.details()).containsEntry("type", "BackupStorageException").containsKey("durationMs");
        assertThat(source.everythingClosed()).isTrue();
    }

    @Test
    void removesAllPartsWhenTheManifestCannotBeStored() {
        store.failPutWhere(key -> key.endsWith("/manifest.json"));

        assertThatThrownBy(() -> backups().build().backup()).isInstanceOf(BackupStorageException.class);

        assertThat(store.attemptedPuts()).last().matches(k -> k.endsWith("/manifest.json"));
        assertThat(memory.list("")).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void stillReportsTheOriginalFailureWhenCleanupFails() {
        store.failPut(3).failDeletes();

        assertThatThrownBy(() -> backups().build().backup())
                .isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("Injected failure storing blob");

        assertThat(store.attemptedDeletes()).hasSize(3);
        assertThat(memory.list("")).as("an incomplete set, never listed: it has no manifest").hasSize(2)
                .noneMatch(b -> b.key().endsWith("manifest.json"));
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void reportsADatabaseFailureWhileReadingRowsAsADatabaseFailure() {
        BackupDatabaseException dbDown = new BackupDatabaseException("Reading table 'users' failed: connection reset",
                "08006", 0, null);
        source.failRows("users", 1, dbDown);

        assertThatThrownBy(() -> backups().build().backup()).isSameAs(dbDown);

        assertThat(memory.list("")).isEmpty();
        assertThat(store.attemptedPuts()).noneMatch(k -> k.endsWith("manifest.json"));
        assertThat(audit.single(AuditAction.DATABASE_BACKUP_FAILED).details())
                .containsEntry("type", "BackupDatabaseException")
                .containsEntry("cause", "Reading table 'users' failed: connection reset");
        assertThat(source.cursors()).isNotEmpty().allSatisfy(c -> assertThat(c.isClosed()).isTrue());
        assertThat(source.snapshots()).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void reportsAWrongJavaTypeFromTheSourceNamingTheColumn() {
        source.table(TEAMS, row("id", 1L, "name", 42L));

        assertThatThrownBy(() -> backups().build().backup())
                .isExactlyInstanceOf(BackupException.class)
                .hasMessageContaining("Column 'teams.name'")
                .hasMessageContaining("java.lang.Long");

        assertThat(memory.list("")).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    @Test
    void wrapsAnUnexpectedSourceFailureAndAuditsIt() {
        IllegalStateException bug = new IllegalStateException("driver bug");
        source.failTables(bug);

        assertThatThrownBy(() -> backups().build().backup())
                .isExactlyInstanceOf(BackupException.class)
                .hasMessageContaining("failed unexpectedly")
                .hasCause(bug);

        assertThat(audit.single(AuditAction.DATABASE_BACKUP_FAILED).details()).containsEntry("type", "BackupException");
        assertThat(source.snapshots()).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void auditsAFailureToOpenTheSnapshot() {
        BackupDatabaseException unreachable = new BackupDatabaseException("Cannot connect to jdbc:postgresql://db/app",
                "08001", 0, null);
        source.failOpen(unreachable);

        assertThatThrownBy(() -> backups().build().backup()).isSameAs(unreachable);

        assertThat(store.calls()).isEmpty();
        assertThat(audit.single(AuditAction.DATABASE_BACKUP_FAILED).details())
                .containsEntry("cause", "Cannot connect to jdbc:postgresql://db/app");
    }

    @Test
    void strictPlanFailureWritesNothingAtAllAndAuditsIt() {
        source.table(tableWithId("invitations", column("email", ValueType.STRING)));

        assertThatThrownBy(() -> backups().build().backup())
                .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.table()).isEqualTo("invitations"))
                .hasMessageContaining("table 'invitations' exists in schema 'public' of FakeDB but the plan neither"
                        + " includes nor excludes it")
                .hasMessageContaining("Nothing was written.");

        assertThat(store.calls()).as("not even a listing").isEmpty();
        assertThat(memory.list("")).isEmpty();
        assertThat(source.queries()).isEmpty();
        AuditEvent failed = audit.single(AuditAction.DATABASE_BACKUP_FAILED);
        assertThat((String) failed.details().get("cause")).contains("invitations");
        assertThat(failed.details()).containsEntry("type", "SchemaMismatchException");
        assertThat(source.snapshots()).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void neverOverwritesAnExistingSet() {
        BlobStore occupied = new BlobStore() {
            @Override
            public void put(String key, BlobWriter writer) {
                store.put(key, writer);
            }

            @Override
            public InputStream open(String key) {
                return store.open(key);
            }

            @Override
            public List<BlobInfo> list(String prefix) {
                return List.of(new BlobInfo(prefix + "0000-teams-0000.json.gz", 10, NOW));
            }

            @Override
            public void delete(String key) {
                store.delete(key);
            }
        };

        assertThatThrownBy(() -> backups().store(occupied).build().backup())
                .isInstanceOf(BackupStorageException.class)
                .hasMessageContaining("already exists")
                .hasMessageContaining("a backup never overwrites a set");

        assertThat(store.calls()).isEmpty();
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_FAILED);
    }

    // ---------------------------------------------------------------- resources

    @Test
    void closesEveryCursorAndTheSnapshotOnSuccess() {
        backups().build().backup();

        assertThat(source.snapshots()).singleElement().satisfies(s -> assertThat(s.closeCount()).isEqualTo(1));
        assertThat(source.cursors()).hasSize(5).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
    }

    @Test
    void closesTheCursorAndTheSnapshotWhenTheStoreFails() {
        store.failPut(2); // the first part (the lease is put first)

        assertThatThrownBy(() -> backups().build().backup()).isInstanceOf(BackupStorageException.class);

        assertThat(source.cursors()).singleElement().satisfies(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(source.snapshots()).singleElement().satisfies(s -> assertThat(s.closeCount()).isEqualTo(1));
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void builderReportsEveryMissingPropertyAtOnce() {
        assertThatThrownBy(() -> Backups.builder().build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "source is missing; pass e.g. .source(JdbcSource.of(dataSource))",
                        "store is missing; pass e.g. .store(FileSystemBlobStore.of(Path.of(\"backups\")))",
                        "plan is missing; pass e.g. .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))"))
                .hasMessageStartingWith("Invalid backup configuration:");
    }

    @Test
    void builderReportsEveryInvalidPropertyAtOnce() {
        assertThatThrownBy(() -> Backups.builder().source(source).store(store).plan(plan())
                .audit(null).clock(null).codec(null).maxPartBytes(1023).build())
                .isInstanceOfSatisfying(BackupConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "audit was null; pass AuditSink.noop() to record nothing",
                        "clock was null; omit it for the UTC system clock",
                        "codec was null; omit it for gzip",
                        "maxPartBytes was 1023 but it must be at least 1024"));
    }

    @Test
    void builderAcceptsTheSmallestPartSize() {
        Backups backups = backups().maxPartBytes(1024).build();

        assertThat(backups.store()).isSameAs(store);
        assertThat(backups.plan().tables()).hasSize(5);
    }

    @Test
    void eachBackupMakesANewSet() {
        Backups backups = backups().build();

        BackupResult first = backups.backup();
        BackupResult second = backups.backup();

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(memory.list("")).extracting(BlobInfo::key).filteredOn(k -> k.endsWith("manifest.json"))
                .containsExactlyInAnyOrder(Manifest.keyOf(first.id()), Manifest.keyOf(second.id()));
        assertThat(audit.actions()).containsExactly(AuditAction.DATABASE_BACKUP_CREATED,
                AuditAction.DATABASE_BACKUP_CREATED);
    }

    private static List<String> reversed(List<String> keys) {
        List<String> copy = new java.util.ArrayList<>(keys);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void partKeysUseAsciiDigitsWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
        try {
            InMemoryBlobStore memory = new InMemoryBlobStore();
            FakeBackupSource oneTable = new FakeBackupSource().table(io.github.dbbackup.core.testing.Schemas.tableWithId(
                    "teams", io.github.dbbackup.core.testing.Schemas.column("name", ValueType.STRING)), List.of());
            BackupResult result = Backups.builder().source(oneTable)
                    .store(memory).plan(BackupPlan.allTablesExcept(ExclusionPolicy.none())).audit(
                            io.github.dbbackup.core.spi.AuditSink.noop()).build().backup();
            assertThat(result.parts()).extracting(PartInfo::key).allMatch(k -> k.matches("[A-Za-z0-9._/-]+"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
