package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #12 (items 2, 3, 9) on MariaDB: spatial subtypes, zero dates, zero-in-date values, invalid
 * dates and the enum member {@code ''} come back exactly as MariaDB prints them, through the INSERT
 * and UPSERT restore paths, whatever the JVM zone and the source's and target's session settings; the
 * enum error value, which no strict restore can write, is refused at backup time.
 */
@WithDatabase(DatabaseKind.MARIADB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Issue12MariaDbValuesIT {

    private static final List<String> TABLES = List.of("geo", "dates", "ids");

    TestDatabase source;

    @BeforeAll
    void createValues(TestDatabase db) {
        this.source = db;
        db.execute(
                // Values that only a permissive session can write, as legacy applications did.
                "SET SESSION sql_mode = 'ALLOW_INVALID_DATES,NO_AUTO_VALUE_ON_ZERO'",
                "SET SESSION time_zone = '+00:00'",
                "CREATE TABLE geo (id INT PRIMARY KEY, g GEOMETRY, p POINT, l LINESTRING, pg POLYGON, mp MULTIPOINT,"
                        + " ml MULTILINESTRING, mpg MULTIPOLYGON, gc GEOMETRYCOLLECTION, p4326 POINT REF_SYSTEM_ID=4326 NOT NULL)",
                "INSERT INTO geo VALUES (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-0.5 1e10)'),"
                        + " ST_GeomFromText('LINESTRING(0.5 0.5,100 200)'),"
                        + " ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,3 2,3 3,2 2))'),"
                        + " ST_GeomFromText('MULTIPOINT(1 1,2 2)'), ST_GeomFromText('MULTILINESTRING((0 0,1 1),(2 2,3 3))'),"
                        + " ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))'),"
                        + " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))'),"
                        + " ST_GeomFromText('POINT(13.4 52.5)', 4326))",
                "INSERT INTO geo VALUES (2, ST_GeomFromText('LINESTRING(1 1,2 2)', 3857), ST_GeomFromText('POINT(0 0)', 3857),"
                        + " NULL, NULL, NULL, NULL, NULL, ST_GeomFromText('GEOMETRYCOLLECTION EMPTY'),"
                        + " ST_GeomFromText('POINT(-180 -90)', 4326))",
                "CREATE TABLE dates (id INT PRIMARY KEY, d DATE, dn DATE NOT NULL, dt DATETIME(6), dtn DATETIME NOT NULL,"
                        + " ts TIMESTAMP(6) NULL, tsn TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00', t TIME(6), y YEAR,"
                        + " e ENUM('', 'sad', 'happy'), en ENUM('x', 'y') NOT NULL, st SET('a', 'b'))",
                "INSERT INTO dates VALUES (1, '0000-00-00', '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',"
                        + " '0000-00-00 00:00:00', '0000-00-00 00:00:00', '-838:59:59', 0, '', 'y', '')",
                "INSERT INTO dates VALUES (2, '2024-00-15', '2024-05-00', '2024-00-00 10:00:00.5', '0000-01-01 00:00:00',"
                        + " NULL, '1970-01-01 00:00:01', '838:59:59.999999', 1901, 'sad', 'x', 'a,b')",
                "INSERT INTO dates VALUES (3, '2024-02-31', '9999-12-31', '9999-12-31 23:59:59.999999', '1000-01-01 00:00:00',"
                        + " '2038-01-19 03:14:07.999999', '2038-01-19 03:14:07', '00:00:00', 2155, 'happy', 'y', 'b')",
                // Local times in the DST gaps of Europe/Berlin and America/St_Johns, and an instant in one.
                "INSERT INTO dates VALUES (4, '1000-01-01', '1582-10-10', '2026-03-29 02:30:00.000001', '2026-03-08 02:30:00',"
                        + " '2026-03-29 01:30:00.123456', '2026-03-08 05:30:00', '-00:00:00.000001', NULL, NULL, 'x', NULL)",
                "INSERT INTO dates (id, dn, dtn, en) VALUES (5, '2026-11-29', '2026-11-29 03:00:00', 'x')",
                "CREATE TABLE ids (id INT AUTO_INCREMENT PRIMARY KEY, c CHAR(5), v VARCHAR(5))",
                "INSERT INTO ids VALUES (0, 'ab', ''), (7, '', 'x ')");
    }

    @ParameterizedTest(name = "JVM zone {0}, source session {1}")
    @CsvSource(delimiter = ';', value = {
        "Europe/Berlin; SET SESSION time_zone = '+05:30'; SET SESSION sql_mode = 'TRADITIONAL,NO_ZERO_DATE'",
        "America/St_Johns; SET SESSION time_zone = 'SYSTEM';"
                + " SET SESSION sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT,PAD_CHAR_TO_FULL_LENGTH,EMPTY_STRING_IS_NULL'"})
    void issue12_everyValueComesBackAsMariaDbPrintsIt(String zone, String sourceZone, String sourceMode) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (TestDatabase target = source.createSibling()) {
            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = Backups.builder()
                    .source(JdbcSource.of(withSession(source.dataSource(), sourceZone, sourceMode)))
                    .store(store)
                    .plan(BackupPlan.builder().tables(TABLES.toArray(String[]::new)).strict(false).build())
                    .audit(AuditSink.noop())
                    .build()
                    .backup();
            List<Object> charValues = new ArrayList<>();
            BackupReader.open(store, backup.id()).forEachRow("ids", row -> charValues.add(row[1]));
            assertThat(charValues).as("CHAR values as the table holds them").containsExactly("ab", "");
            assertThat(BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                    .verify(backup.id(), VerificationLevel.FULL).problems()).isEmpty();

            target.execute(ddlOf(source).toArray(String[]::new));
            // The strictest target session: zero dates refused, strict for every engine, another zone.
            DataSource strictTarget = withSession(target.dataSource(), "SET SESSION time_zone = '-03:00'",
                    "SET SESSION sql_mode = 'TRADITIONAL,NO_ZERO_DATE,NO_ZERO_IN_DATE,ANSI_QUOTES,EMPTY_STRING_IS_NULL'");
            restorer(store, strictTarget, RestoreMode.EMPTY_ONLY).restore(backup.id());
            for (String table : TABLES) {
                assertThat(printed(target, table)).as("%s after EMPTY_ONLY", table).isEqualTo(printed(source, table));
            }

            target.execute("SET SESSION sql_mode = ''",
                    "UPDATE dates SET d = '2001-01-01', dt = NULL, e = 'sad', y = 2000 WHERE id IN (1, 2)",
                    "DELETE FROM dates WHERE id = 3", "UPDATE ids SET c = 'zz', v = NULL",
                    "UPDATE geo SET l = ST_GeomFromText('LINESTRING(9 9,8 8)'), p4326 = ST_GeomFromText('POINT(0 0)') WHERE id = 1");
            restorer(store, strictTarget, RestoreMode.UPSERT).restore(backup.id());
            for (String table : TABLES) {
                assertThat(printed(target, table)).as("%s after UPSERT", table).isEqualTo(printed(source, table));
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void issue12_theEnumErrorValueIsRefusedAtBackupTimeNamingTableColumnAndType() {
        source.execute("CREATE TABLE moods (id INT PRIMARY KEY, mood ENUM('sad', 'happy') NOT NULL)",
                "SET SESSION sql_mode = ''", "INSERT INTO moods VALUES (1, 'happy'), (2, 'furious')");
        try {
            assertThatThrownBy(() -> Backups.builder()
                    .source(JdbcSource.of(source.dataSource()))
                    .store(new InMemoryBlobStore())
                    .plan(BackupPlan.builder().tables("moods").strict(false).build())
                    .audit(AuditSink.noop())
                    .build()
                    .backup())
                    .isInstanceOf(BackupDatabaseException.class)
                    .hasMessageContaining("moods.mood").hasMessageContaining("ENUM")
                    .hasMessageContaining("error value");
        } finally {
            source.execute("DROP TABLE moods");
        }
    }

    /** Dates and times PostgreSQL and H2 can hold too, backed up from MariaDB as its text forms. */
    private BackupResult backUpPortableDates(InMemoryBlobStore store) {
        source.execute("CREATE TABLE IF NOT EXISTS portable (id INT PRIMARY KEY, d DATE, dt DATETIME(6), t TIME(6))",
                "DELETE FROM portable",
                "INSERT INTO portable VALUES (1, '2026-11-29', '2026-03-29 02:30:00.000001', '23:59:59.999999'),"
                        + " (2, '1000-01-01', '9999-12-31 23:59:59.999999', '00:00:00'), (3, NULL, NULL, NULL)");
        return Backups.builder().source(JdbcSource.of(source.dataSource())).store(store)
                .plan(BackupPlan.builder().tables("portable").strict(false).build()).audit(AuditSink.noop()).build().backup();
    }

    private static final Map<Integer, List<String>> PORTABLE = Map.of(
            1, List.of("2026-11-29", "2026-03-29 02:30:00.000001", "23:59:59.999999"),
            2, List.of("1000-01-01", "9999-12-31 23:59:59.999999", "00:00:00.000000"),
            3, java.util.Arrays.asList(null, null, null));

    @Nested
    @WithDatabase(DatabaseKind.POSTGRESQL)
    class IntoPostgreSql {
        @Test
        void issue12_mariaDbDatesRestoreIntoPostgreSqlUnchanged(TestDatabase target) throws Exception {
            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = backUpPortableDates(store);
            target.execute("CREATE TABLE portable (id INT PRIMARY KEY, d DATE, dt TIMESTAMP(6), t TIME(6))");
            for (RestoreMode mode : List.of(RestoreMode.EMPTY_ONLY, RestoreMode.UPSERT)) {
                restorer(store, target.dataSource(), mode).restore(backup.id());
                assertThat(rows(target, "SELECT id, to_char(d, 'YYYY-MM-DD'), to_char(dt, 'YYYY-MM-DD HH24:MI:SS.US'),"
                        + " to_char(t, 'HH24:MI:SS.US') FROM portable")).as("%s", mode).isEqualTo(PORTABLE);
            }
        }
    }

    @Nested
    @WithDatabase(DatabaseKind.H2)
    class IntoH2 {
        @Test
        void issue12_mariaDbDatesRestoreIntoH2Unchanged(TestDatabase target) throws Exception {
            InMemoryBlobStore store = new InMemoryBlobStore();
            BackupResult backup = backUpPortableDates(store);
            target.execute("CREATE TABLE portable (id INT PRIMARY KEY, d DATE, dt TIMESTAMP(6), t TIME(6))");
            for (RestoreMode mode : List.of(RestoreMode.EMPTY_ONLY, RestoreMode.UPSERT)) {
                restorer(store, target.dataSource(), mode).restore(backup.id());
                assertThat(rows(target, "SELECT id, TO_CHAR(d, 'YYYY-MM-DD'), TO_CHAR(dt, 'YYYY-MM-DD HH24:MI:SS.FF6'),"
                        + " TO_CHAR(t, 'HH24:MI:SS.FF6') FROM portable")).as("%s", mode).isEqualTo(PORTABLE);
            }
        }
    }

    static Map<Integer, List<String>> rows(TestDatabase db, String sql) throws Exception {
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                rows.put(rs.getInt(1), values);
            }
        }
        return rows;
    }

    private static Restorer restorer(InMemoryBlobStore store, DataSource target, RestoreMode mode) {
        return Restorer.builder().store(store).target(JdbcTarget.builder(target).batchSize(2).build())
                .options(RestoreOptions.defaults().withMode(mode)).audit(AuditSink.noop()).build();
    }

    /** The source's tables as SHOW CREATE TABLE prints them. */
    private static List<String> ddlOf(TestDatabase db) throws Exception {
        List<String> ddl = new ArrayList<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table)) {
                    rs.next();
                    ddl.add(rs.getString(2));
                }
            }
        }
        return ddl;
    }

    /**
     * Every value of a table as MariaDB prints it, by id: {@code CAST(… AS CHAR)}, {@code HEX} for
     * binary strings, {@code ST_AsText} and {@code ST_SRID} for geometry; in UTC.
     */
    static Map<Integer, List<String>> printed(TestDatabase db, String table) throws Exception {
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            List<String> expressions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
                while (rs.next()) {
                    String column = "`" + rs.getString(1) + "`";
                    String type = rs.getString(2).toLowerCase(java.util.Locale.ROOT);
                    if (List.of("geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                            "multipolygon", "geometrycollection").contains(type)) {
                        expressions.add("CONCAT(ST_AsText(" + column + "), ' SRID ', ST_SRID(" + column + "))");
                    } else if (type.contains("blob") || type.contains("binary")) {
                        expressions.add("HEX(" + column + ")");
                    } else {
                        expressions.add("CAST(" + column + " AS CHAR)");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, " + String.join(", ", expressions) + " FROM " + table)) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 2; i <= expressions.size() + 1; i++) {
                        values.add(rs.getString(i));
                    }
                    rows.put(rs.getInt(1), values);
                }
            }
        }
        return rows;
    }

    /** A data source whose connections run {@code statements} first, as a server's defaults would. */
    static DataSource withSession(DataSource dataSource, String... statements) {
        return (DataSource) Proxy.newProxyInstance(Issue12MariaDbValuesIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Connection connection) {
                        try (Statement s = connection.createStatement()) {
                            for (String sql : statements) {
                                s.execute(sql);
                            }
                        }
                    }
                    return result;
                });
    }
}
