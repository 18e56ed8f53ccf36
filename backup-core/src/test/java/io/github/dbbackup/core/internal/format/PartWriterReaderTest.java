package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.array;
import static io.github.dbbackup.core.testing.Schemas.column;
import static io.github.dbbackup.core.testing.Schemas.notNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupFormatException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.testing.CloseRecordingCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartWriterReaderTest {

    private static final String KEY = "backup-20261129T030000Z-abc123/0000-users-0000.json";
    private static final String SECRET = "s3cr3t-Row-Value";

    private static final List<ColumnSchema> COLUMNS = List.of(
            notNull("id", ValueType.INTEGER),
            column("active", ValueType.BOOLEAN),
            column("balance", ValueType.DECIMAL),
            column("score", ValueType.FLOAT),
            column("name", ValueType.STRING),
            column("avatar", ValueType.BINARY),
            column("born", ValueType.DATE),
            column("wakes", ValueType.TIME),
            column("seen", ValueType.TIMESTAMP),
            column("created", ValueType.TIMESTAMP_TZ),
            column("uid", ValueType.UUID),
            column("prefs", ValueType.JSON),
            column("span", ValueType.OTHER),
            array("tags", ValueType.STRING));

    /** Rows in the Java types the reader decodes to, so that equality is exact. */
    private static List<List<Object>> sampleRows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Arrays.asList(
                    i == 0 ? Long.MIN_VALUE : i == 1 ? new BigInteger("18446744073709551615") : (long) i,
                    i % 3 == 0 ? null : i % 2 == 0,
                    new BigDecimal("1234567890123456789012345678.0123456789").add(BigDecimal.valueOf(i)),
                    i == 2 ? Double.NaN : i == 3 ? -0.0d : i * 1.25d,
                    "name \"" + i + "\" é😀\n",
                    new byte[] {(byte) i, (byte) 0xff, 0},
                    LocalDate.of(1 + i, 1, 1),
                    LocalTime.of(3, 0, 0, 123_456_000 + i),
                    LocalDateTime.of(2026, 11, 29, 3, 0, i % 60, 123_456_000),
                    OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                    new UUID(i, -i),
                    "{\"k\":[" + i + ",\"x\\\"y\"]}",
                    i + " days",
                    i % 4 == 0 ? null : new ArrayList<>(Arrays.asList("a", null, "c\"" + i))));
        }
        return rows;
    }

    private static byte[] write(String table, int index, List<ColumnSchema> columns, List<List<Object>> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartWriter writer = PartWriter.start(out, "1.0", table, index, columns);
        CloseRecordingCursor cursor = new CloseRecordingCursor(rows);
        while (cursor.next()) {
            writer.writeRow(cursor);
        }
        writer.finish();
        assertThat(writer.rows()).isEqualTo(rows.size());
        return out.toByteArray();
    }

    private static List<List<Object>> readAll(byte[] bytes, String table, List<ColumnSchema> columns) {
        List<List<Object>> rows = new ArrayList<>();
        try (PartReader reader = new PartReader(new ByteArrayInputStream(bytes), KEY, table, columns)) {
            while (reader.next()) {
                rows.add(new ArrayList<>(Arrays.asList(reader.row().clone())));
            }
            assertThat(reader.rowsRead()).isEqualTo(rows.size());
            assertThat(reader.next()).as("next() after the end stays false").isFalse();
        }
        return rows;
    }

    private static List<List<Object>> readAll(String json) {
        return readAll(json.getBytes(StandardCharsets.UTF_8), "users", TWO_COLUMNS);
    }

    private static final List<ColumnSchema> TWO_COLUMNS = List.of(notNull("id", ValueType.INTEGER),
            column("name", ValueType.STRING));

    private static final String HEADER = "{\"format\":\"dbbackup.part\",\"formatVersion\":\"1.0\",\"table\":\"users\","
            + "\"part\":0,\"columns\":[\"id\",\"name\"],\"rows\":[";

    private static void assertCorrupt(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("Part '" + KEY + "'")
                .hasMessageContaining("table 'users'")
                .hasMessageContaining(String.join("", fragments));
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void readsBackEveryRowAndValueItWrote() throws IOException {
        List<List<Object>> rows = sampleRows(25);

        List<List<Object>> read = readAll(write("users", 0, COLUMNS, rows), "users", COLUMNS);

        assertThat(read).hasSize(25);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object expected = rows.get(r).get(c);
                Object actual = read.get(r).get(c);
                String where = "row " + r + " column " + COLUMNS.get(c).name();
                if (expected instanceof byte[] bytes) {
                    assertThat((byte[]) actual).as(where).containsExactly(bytes);
                } else {
                    assertThat(actual).as(where).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void writesHeaderRowsAndTrailerAsTheFormatSpecifies() throws IOException {
        List<List<Object>> rows = List.of(Arrays.asList(1L, "a"), Arrays.asList(2L, null));

        String json = new String(write("users", 3, TWO_COLUMNS, rows), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"format\":\"dbbackup.part\",\"formatVersion\":\"1.0\",\"table\":\"users\","
                + "\"part\":3,\"columns\":[\"id\",\"name\"],\"rows\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":null}],"
                + "\"rowCount\":2,\"end\":true}\n");
    }

    @Test
    void columnNamesAreEscapedInRowsExactlyAsInTheHeader() throws IOException {
        String odd = "we\"ird\\ na\u0001me é😀";
        List<ColumnSchema> columns = List.of(notNull("id", ValueType.INTEGER), column(odd, ValueType.STRING));
        List<List<Object>> rows = List.of(Arrays.asList(1L, "x"));

        byte[] bytes = write("odd", 0, columns, rows);

        String json = new String(bytes, StandardCharsets.UTF_8);
        String escaped = "\"we\\\"ird\\\\ na\\u0001me é😀\"";
        assertThat(json).contains("\"columns\":[\"id\"," + escaped + "]").contains("{\"id\":1," + escaped + ":\"x\"}");
        assertThat(readAll(bytes, "odd", columns)).containsExactly(List.of(1L, "x"));
    }

    @Test
    void roundTripsAPartWithNoRows() throws IOException {
        byte[] bytes = write("users", 0, TWO_COLUMNS, List.of());

        assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("\"rows\":[],\"rowCount\":0,\"end\":true}\n");
        assertThat(readAll(bytes, "users", TWO_COLUMNS)).isEmpty();
    }

    @Test
    void countsUncompressedBytesIncludingBufferedOutput() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartWriter writer = PartWriter.start(out, "1.0", "users", 0, TWO_COLUMNS);
        CloseRecordingCursor cursor = new CloseRecordingCursor(List.of(Arrays.asList(1L, "x".repeat(100))));
        long before = writer.uncompressedBytes();
        cursor.next();
        writer.writeRow(cursor);

        assertThat(before).isEqualTo(HEADER.length());
        assertThat(writer.uncompressedBytes() - before).isEqualTo("{\"id\":1,\"name\":\"\"}".length() + 100);
        writer.finish();
        assertThat(out.size()).isEqualTo(writer.uncompressedBytes());
    }

    @Test
    void leavesNoWellFormedDocumentWhenWritingStopsBeforeFinish() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartWriter writer = PartWriter.start(out, "1.0", "users", 0, TWO_COLUMNS);
        CloseRecordingCursor cursor = new CloseRecordingCursor(List.of(Arrays.asList(1L, "a")));
        cursor.next();
        writer.writeRow(cursor);
        // the writer is abandoned, as after a failure; whatever reached the stream must not pass as a part

        assertCorrupt(() -> readAll(out.toByteArray(), "users", TWO_COLUMNS));
    }

    // ---------------------------------------------------------------- truncation

    @Test
    void rejectsTruncatedPartAtEveryCutPoint() throws IOException {
        byte[] bytes = write("users", 0, COLUMNS, sampleRows(12));
        int lastBrace = new String(bytes, StandardCharsets.UTF_8).lastIndexOf('}');
        assertThat(lastBrace).isGreaterThan(1000);

        for (int cut = 0; cut <= lastBrace; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            int at = cut;
            assertThatThrownBy(() -> readAll(truncated, "users", COLUMNS))
                    .as("cut at byte %d of %d", at, bytes.length)
                    .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                    .hasMessageContaining(KEY);
        }
    }

    @Test
    void acceptsAPartWithoutItsFinalNewline() throws IOException {
        byte[] bytes = write("users", 0, TWO_COLUMNS, List.of(Arrays.asList(1L, "a")));

        assertThat(readAll(Arrays.copyOf(bytes, bytes.length - 1), "users", TWO_COLUMNS)).hasSize(1);
    }

    @Test
    void rejectsAPartThatEndsAfterItsRowsArray() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"}]}"), "trailer ('rowCount') is missing");
    }

    @Test
    void rejectsAPartThatEndsAfterItsRowCount() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"}],\"rowCount\":1}"), "end marker is missing");
    }

    @Test
    void rejectsAnEndMarkerThatIsNotTrue() {
        assertCorrupt(() -> readAll(HEADER + "],\"rowCount\":0,\"end\":false}"), "end marker is missing");
    }

    @Test
    void rejectsARowCountThatDisagreesWithTheRows() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"}],\"rowCount\":2,\"end\":true}"),
                "trailer says rowCount 2 but it holds 1 rows");
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}],\"rowCount\":1,"
                + "\"end\":true}"), "trailer says rowCount 1 but it holds 2 rows");
    }

    // ---------------------------------------------------------------- malformed rows

    @Test
    void rejectsARowWithAMemberThatIsNotAColumn() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\",\"password_hash\":\"" + SECRET + "\"}],"
                + "\"rowCount\":1,\"end\":true}"), "row 1 has member 'password_hash', which is not a column of the table");
    }

    @Test
    void rejectsARowThatLacksAColumn() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"},{\"id\":2}],\"rowCount\":2,\"end\":true}"),
                "row 2 lacks column 'name'");
    }

    @Test
    void rejectsARowWithADuplicatedMember() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\",\"name\":\"b\"}],\"rowCount\":1,\"end\":true}"),
                "row 1 has member 'name' twice");
    }

    @Test
    void rejectsARowThatIsNotAnObject() {
        assertCorrupt(() -> readAll(HEADER + "[1,\"a\"]],\"rowCount\":1,\"end\":true}"), "row 1 is not a JSON object");
    }

    @Test
    void rejectsAValueOfTheWrongTypeNamingRowAndColumnButNotTheValue() {
        assertThatThrownBy(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"},{\"id\":\"" + SECRET + "\",\"name\":\"b\"}],"
                + "\"rowCount\":2,\"end\":true}"))
                .isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("row 2, column 'id'")
                .hasMessageContaining("expected a INTEGER value")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void acceptsMembersInAnyOrder() {
        List<List<Object>> rows = readAll(HEADER + "{\"name\":\"a\",\"id\":7}],\"rowCount\":1,\"end\":true}");

        assertThat(rows).containsExactly(Arrays.asList(7L, "a"));
    }

    @Test
    void acceptsMemberNamesWrittenWithEscapes() {
        List<List<Object>> rows = readAll(HEADER + "{\"\\u0069d\":7,\"n\\u0061me\":\"a\"},{\"id\":8,\"name\":\"b\"}],"
                + "\"rowCount\":2,\"end\":true}");

        assertThat(rows).containsExactly(Arrays.asList(7L, "a"), Arrays.asList(8L, "b"));
    }

    @Test
    void rejectsAMemberRepeatedRightAfterItself() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"id\":2,\"name\":\"a\"}],\"rowCount\":1,\"end\":true}"),
                "row 1 has member 'id' twice");
    }

    @Test
    void rejectsARowThatLacksAColumnAfterACompleteRow() {
        assertCorrupt(() -> readAll(HEADER + "{\"id\":1,\"name\":\"a\"},{\"name\":\"b\"}],\"rowCount\":2,\"end\":true}"),
                "row 2 lacks column 'id'");
    }

    // ---------------------------------------------------------------- header

    @Test
    void rejectsAPartOfAnotherTable() {
        assertCorrupt(() -> readAll(HEADER.replace("\"users\"", "\"teams\"") + "],\"rowCount\":0,\"end\":true}"),
                "it holds table 'teams' but the manifest says 'users'");
    }

    @Test
    void rejectsColumnsInAnotherOrder() {
        assertCorrupt(() -> readAll(HEADER.replace("[\"id\",\"name\"]", "[\"name\",\"id\"]")
                + "],\"rowCount\":0,\"end\":true}"), "its columns do not match the manifest (expected 'id', found 'name')");
    }

    @Test
    void rejectsFewerColumnsThanTheManifestRecords() {
        assertCorrupt(() -> readAll(HEADER.replace("[\"id\",\"name\"]", "[\"id\"]") + "],\"rowCount\":0,\"end\":true}"),
                "its columns do not match the manifest (expected 'name', found something else)");
    }

    @Test
    void rejectsMoreColumnsThanTheManifestRecords() {
        assertCorrupt(() -> readAll(HEADER.replace("[\"id\",\"name\"]", "[\"id\",\"name\",\"password_hash\"]")
                + "],\"rowCount\":0,\"end\":true}"), "it has more columns than the manifest records");
    }

    @Test
    void rejectsAnUnknownMajorFormatVersionAskingForAnUpgrade() {
        assertThatThrownBy(() -> readAll(HEADER.replace("\"1.0\"", "\"2.0\"") + "],\"rowCount\":0,\"end\":true}"))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("format version 2.0")
                .hasMessageContaining("upgrade dbbackup");
    }

    @Test
    void acceptsANewerMinorFormatVersion() {
        assertThat(readAll(HEADER.replace("\"1.0\"", "\"1.7\"") + "{\"id\":1,\"name\":\"a\"}],\"rowCount\":1,"
                + "\"end\":true}")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "\"v1.0\"", "\"1.0.0\"", "1.0", "null"})
    void rejectsAFormatVersionThatIsNotMajorDotMinor(String version) {
        assertThatThrownBy(() -> readAll(HEADER.replace("\"1.0\"", version) + "],\"rowCount\":0,\"end\":true}"))
                .isInstanceOfSatisfying(BackupFormatException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageContaining("no valid formatVersion");
    }

    @Test
    void rejectsADocumentOfAnotherFormat() {
        assertCorrupt(() -> readAll(HEADER.replace("dbbackup.part", "dbbackup.manifest") + "],\"rowCount\":0,"
                + "\"end\":true}"), "its format is 'dbbackup.manifest', not 'dbbackup.part'");
    }

    @Test
    void rejectsForeignJson() {
        assertCorrupt(() -> readAll("{\"hello\":\"world\"}"), "member 'format' is missing");
        assertCorrupt(() -> readAll("[1,2,3]"), "it does not start with a JSON object");
        assertCorrupt(() -> readAll("not json at all"), "its header is not valid JSON");
        assertCorrupt(() -> readAll(""), "it does not start with a JSON object");
    }

    @Test
    void rejectsAHeaderWithMembersOutOfOrder() {
        assertCorrupt(() -> readAll("{\"formatVersion\":\"1.0\",\"format\":\"dbbackup.part\"}"),
                "member 'format' is missing where format v1 puts it");
    }

    // ---------------------------------------------------------------- after the end

    @Test
    void rejectsDataAfterTheEnd() {
        String part = HEADER + "{\"id\":1,\"name\":\"a\"}],\"rowCount\":1,\"end\":true}";

        assertCorrupt(() -> readAll(part + "\n{}"), "it has data after its end");
        assertCorrupt(() -> readAll(part + "\n" + part), "it has data after its end");
        assertCorrupt(() -> readAll(part + "garbage"), "not valid JSON");
    }

    @Test
    void rejectsMembersAfterTheEndMarker() {
        assertCorrupt(() -> readAll(HEADER + "],\"rowCount\":0,\"end\":true,\"extra\":1}"),
                "it has unexpected members after its end marker");
    }
}
