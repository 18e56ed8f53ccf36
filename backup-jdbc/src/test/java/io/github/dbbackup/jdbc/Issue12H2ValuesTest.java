package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12 ("Data safety I"), the H2 items: every value H2 can store in a column type the backup
 * accepts comes back exactly as H2 prints it ({@code CAST(col AS VARCHAR)}) after backup, full
 * verification and restore through {@code EMPTY_ONLY} (INSERT) and {@code UPSERT} (MERGE, both its
 * insert and its update branch); a type the backup cannot carry is refused when backing up.
 */
@WithDatabase(DatabaseKind.H2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Issue12H2ValuesTest {

    private TestDatabase source;

    @BeforeAll
    void keepSource(TestDatabase db) {
        this.source = db;
    }

    @Test
    void issue12_temporalArraysKeepEveryValueUnderABerlinJvmZone() throws Exception {
        inJvmZone("Europe/Berlin", () -> assertRoundTrip("temporal_arrays",
                "d DATE ARRAY, t TIME(9) ARRAY, ts TIMESTAMP(9) ARRAY, tstz TIMESTAMP(9) WITH TIME ZONE ARRAY,"
                        + " sd DATE, sts TIMESTAMP(9),"
                        + " stz TIMESTAMP(9) WITH TIME ZONE, st TIME(9)",
                "1, ARRAY[DATE '1500-01-01', DATE '1582-10-10', DATE '1582-10-15', DATE '-0044-03-15', DATE '0000-01-01',"
                        + " DATE '9999-12-31', DATE '12345-06-07', NULL],"
                        + " ARRAY[TIME '23:59:59.999999999', TIME '00:00:00.000000001', TIME '00:00:00', TIME '12:34:56.5'],"
                        + " ARRAY[TIMESTAMP '1500-01-01 00:00:00', TIMESTAMP '1582-10-10 12:00:00',"
                        + " TIMESTAMP '-0044-03-15 12:00:00.123456789', TIMESTAMP '2026-03-29 02:30:00.000000001',"
                        + " TIMESTAMP '2026-10-25 02:30:00', TIMESTAMP '9999-12-31 23:59:59.999999999',"
                        + " TIMESTAMP '12345-01-01 00:00:00', NULL],"
                        + " ARRAY[TIMESTAMP WITH TIME ZONE '1500-01-01 00:00:00+00:00',"
                        + " TIMESTAMP WITH TIME ZONE '-0044-03-15 12:00:00.123456789+05:45',"
                        + " TIMESTAMP WITH TIME ZONE '2026-03-29 02:30:00+02:00',"
                        + " TIMESTAMP WITH TIME ZONE '2026-10-25 02:30:00.000000001-12:00',"
                        + " TIMESTAMP WITH TIME ZONE '12345-01-01 00:00:00+18:00'],"
                        + " DATE '-0044-03-15', TIMESTAMP '12345-01-01 00:00:00.000000001',"
                        + " TIMESTAMP WITH TIME ZONE '-0001-12-31 23:59:59.999999999+01:00', TIME '23:59:59.999999999'",
                "2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL",
                "3, ARRAY[], ARRAY[NULL], ARRAY[], ARRAY[NULL], DATE '1500-01-01',"
                        + " TIMESTAMP '2026-03-29 02:00:00', TIMESTAMP WITH TIME ZONE '1500-01-01 00:00:00+00:00', TIME '00:00:00'"));
    }

    @Test
    void issue12_timeWithTimeZoneKeepsFractionsAndOffsetsInArraysToo() throws Exception {
        assertRoundTrip("time_tz", "ttz TIME(9) WITH TIME ZONE, ttza TIME(9) WITH TIME ZONE ARRAY",
                "1, TIME WITH TIME ZONE '23:59:59.999999999+14:00',"
                        + " ARRAY[TIME WITH TIME ZONE '00:00:00.000000001-18:00', TIME WITH TIME ZONE '12:00:00+05:45', NULL]",
                "2, NULL, NULL",
                "3, TIME WITH TIME ZONE '00:00:00Z', ARRAY[]");
    }

    @Test
    void issue12_jsonArraysKeepTheirJsonText() throws Exception {
        assertRoundTrip("json_arrays", "j JSON ARRAY, js JSON",
                "1, ARRAY[JSON '{\"a\":[1,\"é\"]}', JSON '\"text\"', JSON 'null', NULL, JSON '[]', JSON '1.50'],"
                        + " JSON '[\"x\",{\"b\":null}]'",
                "2, NULL, NULL",
                "3, ARRAY[], JSON '\"\"'");
    }

    @Test
    void issue12_decfloatKeepsNanAndInfinities() throws Exception {
        assertRoundTrip("decfloats", "df DECFLOAT, dfa DECFLOAT ARRAY, na NUMERIC(38, 10) ARRAY",
                "1, CAST('NaN' AS DECFLOAT), ARRAY[CAST('NaN' AS DECFLOAT), CAST('Infinity' AS DECFLOAT),"
                        + " CAST('-Infinity' AS DECFLOAT), 1.5E+100, -0.000001, 0, NULL],"
                        + " ARRAY[1234567890123456789012345678.0123456789, -0.0000000001, NULL]",
                "2, CAST('Infinity' AS DECFLOAT), NULL, NULL",
                "3, CAST('-Infinity' AS DECFLOAT), ARRAY[], ARRAY[]",
                "4, 1.5E+100, ARRAY[1E-100], NULL",
                "5, NULL, NULL, NULL");
    }

    @Test
    void issue12_rowColumnsAreRefusedAtBackupTimeNamingTableColumnAndType() {
        source.execute("CREATE TABLE row_values (id INT PRIMARY KEY, r ROW(a INT, b VARCHAR(10)))");
        BackupPlan plan = BackupPlan.builder().tables("row_values").strict(false).build();
        Backups backups = Backups.builder().source(JdbcSource.of(source.dataSource())).store(new InMemoryBlobStore())
                .plan(plan).audit(AuditSink.noop()).build();

        // refused even while the table is empty: the set could never be restored once rows arrive
        assertThatThrownBy(backups::backup).isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("'row_values.r'").hasMessageContaining("ROW(").hasMessageContaining("exclude");
        source.execute("INSERT INTO row_values VALUES (1, ROW(1, 'x'))");
        assertThatThrownBy(backups::backup).isInstanceOf(BackupConfigurationException.class)
                .hasMessageContaining("'row_values.r'");
    }

    @Test
    void issue12_intervalsOfEveryQualifierKeepTheirValueInScalarsAndArrays() throws Exception {
        assertRoundTrip("intervals", "y INTERVAL YEAR, ym INTERVAL YEAR TO MONTH, mo INTERVAL MONTH, d INTERVAL DAY,"
                        + " dh INTERVAL DAY TO HOUR, dm INTERVAL DAY TO MINUTE, ds INTERVAL DAY(9) TO SECOND(9), h INTERVAL HOUR,"
                        + " hm INTERVAL HOUR TO MINUTE, hs INTERVAL HOUR TO SECOND(9), mi INTERVAL MINUTE,"
                        + " ms INTERVAL MINUTE TO SECOND, s INTERVAL SECOND(18, 9), dsa INTERVAL DAY TO SECOND(9) ARRAY,"
                        + " yma INTERVAL YEAR TO MONTH ARRAY",
                "1, INTERVAL '-12' YEAR, INTERVAL '1-11' YEAR TO MONTH, INTERVAL '-14' MONTH, INTERVAL '99' DAY,"
                        + " INTERVAL '-1 23' DAY TO HOUR, INTERVAL '1 02:03' DAY TO MINUTE,"
                        + " INTERVAL '-999999999 23:59:59.999999999' DAY TO SECOND, INTERVAL '25' HOUR,"
                        + " INTERVAL '-25:59' HOUR TO MINUTE, INTERVAL '1:02:03.000000001' HOUR TO SECOND,"
                        + " INTERVAL '-61' MINUTE, INTERVAL '61:59.5' MINUTE TO SECOND, INTERVAL '-0.000000001' SECOND,"
                        + " ARRAY[INTERVAL '-1 02:03:04.5' DAY TO SECOND, NULL, INTERVAL '0 00:00:00' DAY TO SECOND],"
                        + " ARRAY[INTERVAL '-0-1' YEAR TO MONTH, INTERVAL '9-11' YEAR TO MONTH]",
                "2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
    }

    @Test
    void issue12_enumsGeometryAndUuidsKeepTheirValueInScalarsAndArrays() throws Exception {
        assertRoundTrip("enums", "e ENUM('sad', 'o''k', 'with space', 'Ünï 🚀'), ea ENUM('a', 'b,c', 'd\"e') ARRAY,"
                        + " g GEOMETRY, ga GEOMETRY ARRAY, u UUID, ua UUID ARRAY",
                "1, 'o''k', ARRAY['b,c', 'd\"e', NULL, 'a'], 'SRID=4326;LINESTRING (0.5 0.5, 100 200)',"
                        + " ARRAY['POINT (1 2)', NULL, 'POLYGON ((0 0, 1 0, 1 1, 0 0))'],"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', ARRAY[UUID '00000000-0000-0000-0000-000000000000',"
                        + " UUID 'ffffffff-ffff-ffff-ffff-ffffffffffff', NULL]",
                "2, 'Ünï 🚀', ARRAY[], 'POINT EMPTY', ARRAY[], NULL, ARRAY[]",
                "3, 'with space', NULL, 'GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))', NULL, NULL, NULL");
    }

    @Test
    void issue12_numbersKeepTheirExtremesInScalarsAndArrays() throws Exception {
        assertRoundTrip("numbers", "ti TINYINT ARRAY, si SMALLINT ARRAY, i INTEGER ARRAY, bi BIGINT ARRAY,"
                        + " r REAL, ra REAL ARRAY, dbl DOUBLE PRECISION, da DOUBLE PRECISION ARRAY, n NUMERIC(100000, 50),"
                        + " na NUMERIC(20, 5) ARRAY, ba BOOLEAN ARRAY, nested INTEGER ARRAY ARRAY",
                "1, ARRAY[-128, 127], ARRAY[-32768, 32767], ARRAY[-2147483648, 2147483647],"
                        + " ARRAY[-9223372036854775808, 9223372036854775807, NULL, 0], CAST(-0.0 AS REAL),"
                        + " ARRAY[CAST('NaN' AS REAL), CAST('Infinity' AS REAL), CAST('-Infinity' AS REAL), CAST(-0.0 AS REAL),"
                        + " CAST(1.4E-45 AS REAL), CAST(3.4028235E38 AS REAL), CAST(0.1 AS REAL), NULL], CAST(-0.0 AS DOUBLE PRECISION),"
                        + " ARRAY[CAST('NaN' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION), CAST(-0.0 AS DOUBLE PRECISION),"
                        + " 4.9E-324, 1.7976931348623157E308, 0.1, NULL],"
                        + " 12345678901234567890123456789012345678901234567890.00000000000000000000000000000000000000000000000001,"
                        + " ARRAY[-999999999999999.99999, 0.00001, 0, NULL], ARRAY[TRUE, FALSE, NULL],"
                        + " ARRAY[ARRAY[1, NULL], ARRAY[], NULL, ARRAY[-2147483648]]",
                "2, ARRAY[], ARRAY[], ARRAY[], ARRAY[], CAST('NaN' AS REAL), ARRAY[], CAST('Infinity' AS DOUBLE PRECISION),"
                        + " ARRAY[], -1E-50, ARRAY[], ARRAY[], ARRAY[]",
                "3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
    }

    @Test
    void issue12_realKeepsTheValuesThatRoundingThroughDoubleWouldChange() throws Exception {
        // FORMAT.md §6.5: the only two binary32 values that text -> binary64 -> binary32 changes
        assertRoundTrip("reals", "r REAL, ra REAL ARRAY, rb REAL ARRAY[2], rn REAL ARRAY ARRAY, db DATE ARRAY[2]",
                "1, CAST(7.038531E-26 AS REAL), ARRAY[CAST(7.038531E-26 AS REAL), CAST(-7.038531E-26 AS REAL)],"
                        + " ARRAY[CAST(-7.038531E-26 AS REAL)], ARRAY[ARRAY[CAST(7.038531E-26 AS REAL)]],"
                        + " ARRAY[DATE '1500-01-01', DATE '-0001-01-01']",
                "2, CAST(-7.038531E-26 AS REAL), NULL, NULL, NULL, NULL");
    }

    @Test
    void issue12_textAndBinaryKeepPaddingAndEveryByteInScalarsAndArrays() throws Exception {
        assertRoundTrip("texts", "c CHAR(5), ca CHAR(4) ARRAY, vi VARCHAR_IGNORECASE(20), via VARCHAR_IGNORECASE ARRAY,"
                        + " cl CLOB, bl BLOB, bn BINARY(4), vb VARBINARY(10), vba VARBINARY(10) ARRAY, bna BINARY(2) ARRAY,"
                        + " va VARCHAR(20) ARRAY, nested VARCHAR ARRAY ARRAY",
                "1, 'ab', ARRAY['x', '', NULL, 'wxyz'], 'MiXeD', ARRAY['AbC', NULL], 'Zoë 🚀 \"q\" ''s''\n\ttab\\',"
                        + " X'00ff10', X'0001', X'', ARRAY[X'00', X'', NULL, X'ff00ff'], ARRAY[X'01', NULL],"
                        + " ARRAY['', ' lead', 'trail ', 'NULL', 'a,b', '{x}', '[y]', U&'\\0000' || 'after nul', NULL],"
                        + " ARRAY[ARRAY['a', NULL], ARRAY[]]",
                "2, '', ARRAY[], '', ARRAY[], '', X'', X'', X'', ARRAY[], ARRAY[], ARRAY[], ARRAY[]",
                "3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
    }

    @Test
    void issue12_nestedTemporalArraysKeepEveryValue() throws Exception {
        inJvmZone("Europe/Berlin", () -> assertRoundTrip("nested_temporal",
                "dd DATE ARRAY ARRAY, tt TIMESTAMP(9) ARRAY ARRAY",
                "1, ARRAY[ARRAY[DATE '1500-01-01', NULL], ARRAY[DATE '-0001-12-31']],"
                        + " ARRAY[ARRAY[TIMESTAMP '2026-03-29 02:30:00.000000001'], NULL]",
                "2, NULL, ARRAY[]"));
    }

    @Test
    void issue12_offsetsWithSecondsAndJavaObjectsKeepTheirValue() throws Exception {
        assertRoundTrip("odd_values", "tz TIMESTAMP(9) WITH TIME ZONE, tza TIMESTAMP WITH TIME ZONE ARRAY,"
                        + " ttz TIME WITH TIME ZONE, jo JAVA_OBJECT, joa JAVA_OBJECT ARRAY",
                "1, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00.5+05:45:30',"
                        + " ARRAY[TIMESTAMP WITH TIME ZONE '1900-01-01 00:00:00-00:00:01'], TIME WITH TIME ZONE '01:02:03-01:02:03',"
                        + " CAST(X'aced0005740003616263' AS JAVA_OBJECT), ARRAY[CAST(X'aced000574000378797a' AS JAVA_OBJECT), NULL]",
                "2, NULL, NULL, NULL, NULL, NULL");
    }

    // ---- the round trip -------------------------------------------------------------------

    /**
     * Creates {@code table} (an {@code id INT} primary key plus {@code columns}) in the source,
     * inserts {@code rows} (VALUES tuples), backs it up, verifies the set in full, restores it into
     * empty targets with {@code EMPTY_ONLY} and {@code UPSERT}, and into a target whose rows have
     * every other column NULL with {@code UPSERT}; each time every value printed by H2 must equal the source's.
     */
    private void assertRoundTrip(String table, String columns, String... rows) throws Exception {
        String ddl = "CREATE TABLE " + table + " (id INT PRIMARY KEY, " + columns + ")";
        source.execute(ddl);
        for (String row : rows) {
            source.execute("INSERT INTO " + table + " VALUES (" + row + ")");
        }
        List<String> expected = printed(source, table);
        assertThat(expected).hasSize(rows.length);

        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult backup = Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables(table).strict(false).build()).audit(AuditSink.noop()).build().backup();
        VerificationResult verified = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(backup.id(), VerificationLevel.FULL);
        assertThat(verified.problems()).isEmpty();

        for (RestoreMode mode : List.of(RestoreMode.EMPTY_ONLY, RestoreMode.UPSERT)) {
            try (TestDatabase target = source.createSibling()) {
                target.execute(ddl);
                restore(store, target, mode, backup.id());
                assertThat(printed(target, table)).as("restored with %s into an empty table", mode).isEqualTo(expected);
            }
        }
        try (TestDatabase target = source.createSibling()) {
            target.execute(ddl);
            for (String row : rows) {
                target.execute("INSERT INTO " + table + " (id) VALUES (" + row.substring(0, row.indexOf(',')) + ")");
            }
            restore(store, target, RestoreMode.UPSERT, backup.id());
            assertThat(printed(target, table)).as("merged with UPSERT over rows of NULLs").isEqualTo(expected);
        }
    }

    private static void restore(InMemoryBlobStore store, TestDatabase target, RestoreMode mode, String id) {
        Restorer.builder().store(store).target(JdbcTarget.builder(target.dataSource()).batchSize(2).build())
                .options(RestoreOptions.defaults().withMode(mode)).audit(AuditSink.noop()).build().restore(id);
    }

    /** Every row as {@code id: column=printed value, …}, each value as {@code CAST(col AS VARCHAR)} prints it. */
    private static List<String> printed(TestDatabase db, String table) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT id");
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    names.add(name);
                    // H2 has no cast from BLOB or JAVA_OBJECT to text; their hex digits print every byte
                    int type = meta.getColumnType(i);
                    String typeName = meta.getColumnTypeName(i);
                    sql.append(type == Types.BLOB || type == Types.JAVA_OBJECT
                            ? ", RAWTOHEX(CAST(\"" + name + "\" AS VARBINARY))"
                            : typeName.equals("JAVA_OBJECT ARRAY")
                            ? ", CAST(CAST(\"" + name + "\" AS VARBINARY ARRAY) AS VARCHAR)"
                            : ", CAST(\"" + name + "\" AS VARCHAR)");
                }
            }
            sql.append(" FROM ").append(table).append(" ORDER BY id");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder(rs.getString(1)).append(':');
                    for (int i = 0; i < names.size(); i++) {
                        String v = rs.getString(i + 2);
                        row.append(' ').append(names.get(i)).append('=').append(v == null ? "<null>" : "'" + v + "'");
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the JVM's default time zone set to {@code zone}, restoring it afterwards. */
    static void inJvmZone(String zone, Body body) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        org.h2.util.DateTimeUtils.resetCalendar(); // H2 caches the JVM zone; a real JVM starts in it
        try {
            body.run();
        } finally {
            TimeZone.setDefault(before);
            org.h2.util.DateTimeUtils.resetCalendar();
        }
    }
}
