package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.array;
import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.fk;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.ExcludedColumn;
import io.github.dbbackup.core.plan.ExcludedTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestCodecTest {

    private static final String ID = "backup-20261129T030000Z-k3f9q2";
    private static final String KEY = ID + "/manifest.json";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    // ---------------------------------------------------------------- fixture

    private static TableSchema teams() {
        return new TableSchema("teams",
                List.of(notNull("id", ValueType.INTEGER),
                        new ColumnSchema("name", 12, "varchar", ValueType.STRING, ValueType.STRING, false, 200, 0, false,
                                false, "'unnamed'::character varying"),
                        new ColumnSchema("owner_id", -5, "int8", ValueType.INTEGER, ValueType.INTEGER, true, 19, 0, false,
                                false, null)),
                List.of("id"),
                List.of(fk("owner_id", "users", "id")));
    }

    private static TableSchema users() {
        return new TableSchema("users",
                List.of(new ColumnSchema("id", -5, "int8", ValueType.INTEGER, ValueType.INTEGER, false, 19, 0, true, false,
                                "nextval('users_id_seq'::regclass)"),
                        new ColumnSchema("team_id", -5, "int8", ValueType.INTEGER, ValueType.INTEGER, true, 19, 0, false,
                                false, null),
                        new ColumnSchema("balance", 2, "numeric", ValueType.DECIMAL, ValueType.DECIMAL, true, 38, 10, false,
                                false, "0.0"),
                        array("tags", ValueType.STRING),
                        new ColumnSchema("matrix", 2003, "_float8", ValueType.ARRAY, ValueType.FLOAT, false, 0, 0, false,
                                false, "'{}'::double precision[]"),
                        new ColumnSchema("full_name", 12, "text", ValueType.STRING, ValueType.STRING, true, 0, 0, false, true,
                                null)),
                List.of("id"),
                List.of(fk("team_id", "teams", "id"),
                        new ForeignKey("", List.of("id", "team_id"), "memberships", List.of("user_id", "team_id"))));
    }

    private static TableSchema composite() {
        return new TableSchema("memberships",
                List.of(notNull("user_id", ValueType.INTEGER), notNull("team_id", ValueType.INTEGER),
                        column("role", ValueType.OTHER)),
                List.of("user_id", "team_id"), List.of());
    }

    static Manifest fullManifest() {
        ExcludedColumn hash = new ExcludedColumn(
                new ColumnSchema("password_hash", 12, "varchar", ValueType.STRING, ValueType.STRING, false, 255, 0, false,
                        false, null),
                "RESET_REQUIRED", "Every user must reset their password");
        ExcludedColumn totp = new ExcludedColumn(column("totp_secret", ValueType.BINARY), null, "");
        ExcludedColumn notes = new ExcludedColumn(
                new ColumnSchema("notes", 2003, "_text", ValueType.ARRAY, ValueType.STRING, true, 0, 0, false, false,
                        "'{}'"),
                null, "Notes are lost");
        List<BackedUpTable> tables = List.of(
                new BackedUpTable(composite(), List.of(), "", 0, 20),
                new BackedUpTable(teams(), List.of(), "", 3, 120),
                new BackedUpTable(users(), List.of(hash, totp, notes), "deleted_at IS NULL AND name <> 'x\"y'", 1500,
                        3000));
        List<PartInfo> parts = List.of(
                new PartInfo(ID + "/0000-memberships-0000.json.gz", "memberships", 0, 0, 20, SHA_A),
                new PartInfo(ID + "/0001-teams-0000.json.gz", "teams", 0, 3, 120, SHA_B),
                new PartInfo(ID + "/0002-users-0000.json.gz", "users", 0, 1000, 2000, SHA_A),
                new PartInfo(ID + "/0002-users-0001.json.gz", "users", 1, 500, 1000, SHA_B));
        return new Manifest("1.0", ID, Instant.parse("2026-11-29T03:00:00.123456789Z"),
                Instant.parse("2026-11-29T03:04:05Z"),
                new SourceInfo("PostgreSQL", "16.4 (Debian 16.4-1.pgdg120+1)", "postgresql", "public",
                        "jdbc:postgresql://db.example.com:5432/app"),
                "gzip", true, tables,
                List.of(new ExcludedTable("sessions", "Ephemeral login sessions", "Users must sign in again"),
                        new ExcludedTable("audit_log", "Too large; kept elsewhere", ""),
                        new ExcludedTable("api_keys", "Secrets \"never\" leave\nthe database", "Regenerate API keys ✓")),
                List.of("memberships", "teams", "users"), parts);
    }

    private static byte[] write(Manifest m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestCodec.write(m, out);
        return out.toByteArray();
    }

    private static String json(Manifest m) throws IOException {
        return new String(write(m), StandardCharsets.UTF_8);
    }

    private static Manifest read(byte[] bytes) {
        return ManifestCodec.read(new ByteArrayInputStream(bytes), KEY);
    }

    private static Manifest read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(ThrowingCallable call, String... fragments) {
        var assertion = assertThatThrownBy(call)
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining(KEY);
        for (String fragment : fragments) {
            assertion.hasMessageContaining(fragment);
        }
    }

    private static Manifest with(Manifest m, List<BackedUpTable> tables, List<String> order, List<PartInfo> parts) {
        return new Manifest(m.formatVersion(), m.id(), m.createdAt(), m.completedAt(), m.source(), m.codec(), m.strict(),
                tables, m.excludedTables(), order, parts);
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void readsBackAnEqualManifestWithEveryFieldPopulated() throws IOException {
        Manifest m = fullManifest();

        Manifest read = read(write(m));

        assertThat(read).isEqualTo(m);
        assertThat(read.table("users").orElseThrow().excludedColumns()).extracting(ExcludedColumn::placeholder)
                .containsExactly("RESET_REQUIRED", null, null);
        assertThat(read.table("users").orElseThrow().schema().column("balance").orElseThrow().defaultExpression())
                .isEqualTo("0.0");
        assertThat(read.table("users").orElseThrow().schema().column("team_id").orElseThrow().defaultExpression())
                .isNull();
        assertThat(read.table("users").orElseThrow().schema().column("matrix").orElseThrow().elementType())
                .isEqualTo(ValueType.FLOAT);
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-29T03:00:00.123456789Z"));
    }

    @Test
    void recordsAnInconsistentParallelExport() throws IOException {
        Manifest m = fullManifest();
        Manifest inconsistent = new Manifest(m.formatVersion(), m.id(), m.createdAt(), m.completedAt(), m.source(),
                m.codec(), m.strict(), m.tables(), m.excludedTables(), m.restoreOrder(), m.parts(), false);

        assertThat(json(inconsistent)).contains("\"consistent\" : false");
        assertThat(read(write(inconsistent)).consistent()).isFalse();
        assertThat(read(write(m)).consistent()).isTrue();
    }

    @Test
    void aManifestWithoutConsistentWasWrittenFromOneSnapshot() throws IOException {
        String json = json(fullManifest()).replace("\"consistent\" : true,", "");
        assertThat(json).doesNotContain("consistent");

        assertThat(read(json).consistent()).isTrue();
    }

    @Test
    void writesFormatVersionAndTotalsForHumansAndOtherTools() throws IOException {
        String json = json(fullManifest());

        assertThat(json).startsWith("{\n  \"format\" : \"dbbackup.manifest\",\n  \"formatVersion\" : \"1.0\",");
        assertThat(json).contains("\"totals\" : {\n    \"tables\" : 3,\n    \"rows\" : 1503,\n    \"bytes\" : 3140\n  }");
        assertThat(json).endsWith("}\n");
        assertThat(json).contains("\"default\" : null");
        assertThat(json).contains("\"placeholder\" : null");
        assertThat(json).doesNotContain("\"elementType\" : \"INTEGER\"").contains("\"elementType\" : \"STRING\"");
    }

    @Test
    void acceptsANewerMinorVersionWithAdditionalMembers() throws IOException {
        String json = json(fullManifest()).replace("\"formatVersion\" : \"1.0\"",
                "\"formatVersion\" : \"1.3\",\n  \"encryption\" : {\"scheme\":\"none\"}");

        Manifest read = read(json);

        assertThat(read.formatVersion()).isEqualTo("1.3");
        assertThat(read.tables()).isEqualTo(fullManifest().tables());
    }

    // ---------------------------------------------------------------- versions and foreign input

    @Test
    void rejectsAnUnknownMajorVersionAskingForAnUpgrade() throws IOException {
        String json = json(fullManifest()).replace("\"formatVersion\" : \"1.0\"", "\"formatVersion\" : \"2.0\"");

        assertRejected(() -> read(json), "format version 2.0", "reads format 1.x", "upgrade dbbackup to read it");
    }

    @Test
    void rejectsAnOlderMajorVersionAskingForAnOlderRelease() throws IOException {
        String json = json(fullManifest()).replace("\"formatVersion\" : \"1.0\"", "\"formatVersion\" : \"0.9\"");

        assertRejected(() -> read(json), "use an older dbbackup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "\"one\"", "\"1.0-beta\"", "\"\""})
    void rejectsAFormatVersionThatIsNotMajorDotMinor(String version) throws IOException {
        String json = json(fullManifest()).replace("\"formatVersion\" : \"1.0\"", "\"formatVersion\" : " + version);

        assertRejected(() -> read(json), "no valid formatVersion");
    }

    @Test
    void rejectsForeignJson() {
        assertRejected(() -> read("{\"format\":\"something\"}"), "is not a dbbackup manifest",
                "format 'something'", "expected 'dbbackup.manifest'");
        assertRejected(() -> read("{\"format\":\"dbbackup.part\",\"formatVersion\":\"1.0\"}"),
                "is not a dbbackup manifest");
        assertRejected(() -> read("[1,2,3]"), "is not a JSON object");
        assertRejected(() -> read("\"manifest\""), "is not a JSON object");
        assertRejected(() -> read("{\"name\":\"package.json\",\"version\":\"1.0.0\"}"), "lacks member 'format'");
        assertRejected(() -> read(""), "is not a JSON object");
        assertRejected(() -> read("<?xml version=\"1.0\"?><manifest/>"), "is not valid JSON");
    }

    @Test
    void rejectsAFormatMemberThatIsNotAString() {
        assertRejected(() -> read("{\"format\":42}"));
        assertRejected(() -> read("{\"format\":\"dbbackup.manifest\",\"formatVersion\":1.0}"));
        assertRejected(() -> read("{\"format\":\"dbbackup.manifest\",\"formatVersion\":null}"));
    }

    @Test
    void rejectsTruncatedManifestAtEveryCutPoint() throws IOException {
        byte[] bytes = write(fullManifest());
        int lastBrace = new String(bytes, StandardCharsets.UTF_8).lastIndexOf('}');

        for (int cut = 0; cut <= lastBrace; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            int at = cut;
            assertThatThrownBy(() -> read(truncated))
                    .as("cut at %d of %d", at, bytes.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY));
        }
    }

    @Test
    void rejectsDataAfterTheEnd() throws IOException {
        String json = json(fullManifest());

        assertRejected(() -> read(json + "{}"), "has data after its end");
        assertRejected(() -> read(json + "x"), "is not valid JSON");
    }

    @Test
    void rejectsDuplicateMembers() throws IOException {
        String json = json(fullManifest()).replace("\"codec\" : \"gzip\",", "\"codec\" : \"gzip\",\n\"codec\" : \"none\",");

        assertRejected(() -> read(json), "is not valid JSON");
    }

    @Test
    void readsACodecThisProcessLacksAndRejectsAnEmptyOne() throws IOException {
        String json = json(fullManifest());

        assertThat(read(json.replace("\"codec\" : \"gzip\"", "\"codec\" : \"zstd\"")).codec())
                .as("whether a codec is available is the reader's business, not the manifest's").isEqualTo("zstd");
        assertRejected(() -> read(json.replace("\"codec\" : \"gzip\"", "\"codec\" : \"\"")), "codec is empty");
    }

    // ---------------------------------------------------------------- missing or mistyped members

    @Test
    void namesAMissingTopLevelMember() throws IOException {
        String json = json(fullManifest()).replaceFirst("\\s*\"completedAt\" : \"[^\"]*\",", "");

        assertRejected(() -> read(json), "lacks member 'completedAt'");
    }

    @Test
    void namesAMissingNestedMemberWithItsPath() throws IOException {
        String json = json(fullManifest()).replaceFirst("\\s*\"rowFilter\" : \"[^\"]*\",", "");

        assertRejected(() -> read(json), "lacks member 'tables[0].rowFilter'");
    }

    @Test
    void namesAMissingMemberOfAColumn() throws IOException {
        String json = json(fullManifest()).replaceFirst("\\s*\"nullable\" : (true|false),", "");

        assertRejected(() -> read(json), "lacks member 'tables[0].columns[0].nullable'");
    }

    @Test
    void namesAMissingSourceMember() throws IOException {
        String json = json(fullManifest()).replaceFirst("\\s*\"dialect\" : \"[^\"]*\",", "");

        assertRejected(() -> read(json), "lacks member 'source.dialect'");
    }

    @Test
    void rejectsAMemberOfTheWrongType() throws IOException {
        String json = json(fullManifest()).replace("\"strict\" : true", "\"strict\" : \"yes\"");

        assertRejected(() -> read(json), "is inconsistent", "'strict' is not a boolean");
    }

    @Test
    void rejectsAnUnknownValueType() throws IOException {
        String json = json(fullManifest()).replaceFirst("\"valueType\" : \"OTHER\"", "\"valueType\" : \"INTERVAL\"");

        assertRejected(() -> read(json), "tables[0].columns[2].valueType' is 'INTERVAL', which format v1 does not define");
    }

    @Test
    void rejectsAnUnparsableTimestamp() throws IOException {
        String json = json(fullManifest()).replace("2026-11-29T03:04:05Z", "yesterday");

        assertRejected(() -> read(json), "is inconsistent");
    }

    @Test
    void rejectsAPartIndexBeyondTheIntegerRange() throws IOException {
        String json = json(fullManifest()).replaceFirst("\"index\" : 0", "\"index\" : 4294967296");

        assertRejected(() -> read(json), "is inconsistent");
    }

    @Test
    void rejectsAnInvalidSha256() throws IOException {
        String json = json(fullManifest()).replace(SHA_B, SHA_B.toUpperCase());

        assertRejected(() -> read(json), "is inconsistent", "64 lowercase hex digits");
    }

    // ---------------------------------------------------------------- inconsistency

    @Test
    void rejectsAPartOfATableTheManifestDoesNotHold() throws IOException {
        Manifest m = fullManifest();
        List<PartInfo> parts = new ArrayList<>(m.parts());
        parts.add(new PartInfo(ID + "/0003-ghosts-0000.json.gz", "ghosts", 0, 0, 20, SHA_A));

        assertRejected(() -> read(write(with(m, m.tables(), m.restoreOrder(), parts))),
                "part '" + ID + "/0003-ghosts-0000.json.gz' belongs to table 'ghosts', which the manifest does not hold");
    }

    @Test
    void rejectsRowsThatDoNotSumUp() throws IOException {
        Manifest m = fullManifest();
        List<BackedUpTable> tables = new ArrayList<>(m.tables());
        BackedUpTable users = tables.get(2);
        tables.set(2, new BackedUpTable(users.schema(), users.excludedColumns(), users.rowFilter(), 1501, users.bytes()));

        assertRejected(() -> read(write(with(m, tables, m.restoreOrder(), m.parts()))),
                "table 'users' records 1501 rows but its 2 parts hold 1500");
    }

    @Test
    void rejectsATableWithoutParts() throws IOException {
        Manifest m = fullManifest();
        List<PartInfo> parts = m.parts().stream().filter(p -> !p.table().equals("teams")).toList();
        List<BackedUpTable> tables = new ArrayList<>(m.tables());
        BackedUpTable teams = tables.get(1);
        tables.set(1, new BackedUpTable(teams.schema(), List.of(), "", 0, 0));

        assertRejected(() -> read(write(with(m, tables, m.restoreOrder(), parts))),
                "table 'teams' records 0 rows but its 0 parts hold 0");
    }

    @Test
    void rejectsARestoreOrderThatMissesATable() throws IOException {
        Manifest m = fullManifest();

        assertRejected(() -> read(write(with(m, m.tables(), List.of("teams", "users"), m.parts()))),
                "restoreOrder [teams, users] does not list exactly the tables");
    }

    @Test
    void rejectsARestoreOrderWithAnUnknownOrRepeatedTable() throws IOException {
        Manifest m = fullManifest();

        assertRejected(() -> read(write(with(m, m.tables(), List.of("memberships", "teams", "users", "ghosts"),
                m.parts()))), "does not list exactly the tables");
        assertRejected(() -> read(write(with(m, m.tables(), List.of("memberships", "teams", "users", "users"),
                m.parts()))), "does not list exactly the tables");
    }

    @Test
    void rejectsATableListedTwice() throws IOException {
        Manifest m = fullManifest();
        List<BackedUpTable> tables = new ArrayList<>(m.tables());
        tables.add(tables.get(1));

        assertRejected(() -> read(write(with(m, tables, m.restoreOrder(), m.parts()))), "table 'teams' appears twice");
    }

    @Test
    void rejectsPartsNotNumberedFromZero() throws IOException {
        Manifest m = fullManifest();
        List<PartInfo> parts = new ArrayList<>(m.parts());
        PartInfo second = parts.get(3);
        parts.set(3, new PartInfo(second.key(), "users", 2, second.rows(), second.bytes(), second.sha256()));

        assertRejected(() -> read(write(with(m, m.tables(), m.restoreOrder(), parts))),
                "the parts of table 'users' are not numbered 0..1");
    }

    @Test
    void rejectsAPartKeyOutsideTheSet() throws IOException {
        Manifest m = fullManifest();
        List<PartInfo> parts = new ArrayList<>(m.parts());
        PartInfo teams = parts.get(1);
        parts.set(1, new PartInfo("backup-20250101T000000Z-aaaaaa/0001-teams-0000.json.gz", "teams", 0, teams.rows(),
                teams.bytes(), teams.sha256()));

        assertRejected(() -> read(write(with(m, m.tables(), m.restoreOrder(), parts))), "is outside the set or duplicated");
    }

    @Test
    void rejectsADuplicatedPartKey() throws IOException {
        Manifest m = fullManifest();
        List<PartInfo> parts = new ArrayList<>(m.parts());
        PartInfo first = parts.get(2);
        parts.set(3, new PartInfo(first.key(), "users", 1, 500, 1000, SHA_B));

        assertRejected(() -> read(write(with(m, m.tables(), m.restoreOrder(), parts))), "is outside the set or duplicated");
    }

    @Test
    void rejectsANonArrayColumnWhoseElementTypeDiffers() throws IOException {
        String json = json(fullManifest()).replaceFirst("\"valueType\" : \"STRING\",",
                "\"valueType\" : \"STRING\",\n\"elementType\" : \"INTEGER\",");

        // elementType is only read for arrays; a stray one on a scalar column is ignored, not misread
        assertThat(read(json)).isEqualTo(fullManifest());
    }
}
