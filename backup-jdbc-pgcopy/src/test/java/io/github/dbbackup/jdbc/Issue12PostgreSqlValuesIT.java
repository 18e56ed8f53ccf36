package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.catalog.BackupVerifier;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.catalog.VerificationResult;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.restore.RestoreOptions;
import io.github.dbbackup.core.restore.RestoreReport;
import io.github.dbbackup.core.restore.Restorer;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12 (PostgreSQL): every value comes back exactly as PostgreSQL prints it ({@code col::text}),
 * through COPY, multi-row INSERT and UPSERT, whatever the JVM zone and whatever session settings
 * the source and target databases default to; what format 1 cannot carry is refused at backup time.
 */
@WithDatabase(DatabaseKind.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Issue12PostgreSqlValuesIT {

    private static final String DDL = "CREATE TABLE issue12 (id int PRIMARY KEY, d date, ts timestamp, tstz timestamptz,"
            + " t time, da date[], tsa timestamp[], tstza timestamptz[], ta time[], iv interval, iva interval[],"
            + " n numeric, na numeric[], rc regclass, rt regtype, rp regproc, f8 float8, f8a float8[], f4a real[],"
            + " b bytea, ba bytea[], tz timetz, ia int[][], txa text[], bo bool[], x xml,"
            + " bx box[], ca char(3)[], ua uuid[], ja jsonb[], tza timetz[], i8a bigint[], t2a text[][], ts6 timestamp(6)[])";

    /** Columns compared, in order; every one as {@code col::text}. */
    private static final List<String> COLUMNS = List.of("id", "d", "ts", "tstz", "t", "da", "tsa", "tstza", "ta",
            "iv", "iva", "n", "na", "rc", "rt", "rp", "f8", "f8a", "f4a", "b", "ba", "tz", "ia", "txa", "bo", "x",
            "bx", "ca", "ua", "ja", "tza", "i8a", "t2a", "ts6");

    /** Settings that change how PostgreSQL prints (and reads) values; the backup must not depend on any. */
    private static final List<String> ODD_SETTINGS = List.of("IntervalStyle = 'sql_standard'",
            "DateStyle = 'SQL, DMY'", "TimeZone = 'Asia/Kathmandu'", "extra_float_digits = 0",
            "bytea_output = 'escape'");

    /** Different again on the target: nothing may depend on the two servers agreeing either. */
    private static final List<String> OTHER_ODD_SETTINGS = List.of("IntervalStyle = 'iso_8601'",
            "DateStyle = 'German, MDY'", "TimeZone = 'America/Caracas'", "extra_float_digits = 1",
            "xmloption = document");

    private TestDatabase source;
    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private BackupResult backup;
    private Map<Integer, List<String>> expected;

    @BeforeAll
    void backUpValuesThatJavaTimeAndOddSessionsGetWrong(TestDatabase db) throws Exception {
        source = db;
        db.execute(DDL,
                "INSERT INTO issue12 VALUES (1, '0044-03-15 BC', '0044-03-15 12:00:00.5 BC', '0044-03-15 12:00:00+00 BC',"
                        + " '24:00:00',"
                        + " '{0044-03-15 BC,1582-10-10,1582-10-04,1500-01-01,12026-01-01,infinity,-infinity,NULL}',"
                        // 2026-03-29 02:30 does not exist in Europe/Berlin (DST gap).
                        + " '{\"0044-03-15 12:00:00 BC\",\"1582-10-10 00:00:00\",\"2026-03-29 02:30:00\","
                        + "\"12026-01-01 00:00:00.000001\",infinity,-infinity}',"
                        + " '{\"1500-01-01 00:00:00+00\",\"1582-10-10 12:00:00+00\",\"0044-03-15 00:00:00+00 BC\","
                        + "infinity,-infinity,\"12026-01-01 00:00:00.5+00\",\"2026-03-29 01:30:00+00\"}',"
                        + " '{23:59:59.999999,24:00:00,00:00:00,12:34:56.000001}',"
                        + " '-3 days -04:00:00', '{\"-3 days -04:00:00\",\"1 year -2 mons +3 days\",\"-00:00:01.5\"}',"
                        + " 'Infinity', '{NaN,Infinity,-Infinity,1.50,-0.000,NULL}', '-', '-', '-',"
                        + " 0.1, '{0.1,NaN,-Infinity,1e-310,0.3333333333333333}', '{1.1,NaN,3.4028235e38}',"
                        + " '\\x00ff5c', '{\"\\\\x00ff5c\",NULL,\"\\\\x\"}', '12:00:00.5+05:30',"
                        + " '{{1,2},{3,NULL}}', '{\"a,b\",\"NULL\",NULL,\"\",\" x \",\"q\\\"z\",\"back\\\\slash\"}',"
                        + " '{t,f,NULL}', 'text <b>bold</b> tail')",
                "INSERT INTO issue12 (id, d, ts, tstz, t, rc, rt, rp, n) VALUES (2, 'infinity', '-infinity', 'infinity',"
                        + " '23:59:59.999999', 'pg_class', 'integer', 'now', 'NaN')",
                "INSERT INTO issue12 (id, d, ts, tstz, n) VALUES (3, '12026-01-01', '12026-01-01 00:00:00', '-infinity',"
                        + " '-Infinity')",
                "INSERT INTO issue12 (id, d, ts, tstz) VALUES (4, '1582-10-04', '1582-10-15 00:00:00',"
                        + " '1000-01-01 00:00:00.000001+00')",
                "INSERT INTO issue12 (id, d, ts, tstz, da, tsa) VALUES (5, '4713-01-01 BC', '4713-01-01 00:00:00 BC',"
                        + " '4713-01-01 00:00:00+00 BC', '{4713-01-01 BC,5874897-12-31}', '{\"294276-12-31 23:59:59.999999\"}')",
                "INSERT INTO issue12 (id) VALUES (6)",
                // Every other kind of array the dialect now reads from its text form; box's delimiter is ';'.
                "INSERT INTO issue12 (id, tstz, t, bx, ca, ua, ja, tza, i8a, t2a, ts6) VALUES (7,"
                        + " '12026-06-01 00:00:00.5+00', '00:00:00.000001', '{(1,2),(3,4);(5.5,6),(7,8)}',"
                        + " '{\"a  \",\"\",NULL}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}',"
                        + " ARRAY['{\"k\": [1, \"é\\\\n\"]}'::jsonb, 'null', NULL],"
                        + " '{12:00:00.5+05:30,24:00:00-01}', '{-9223372036854775808,9223372036854775807}',"
                        + " ARRAY[ARRAY['{', '}'], ARRAY[E'tab\\there', 'NULL']], '{\"2026-03-29 02:30:00.000001\"}')",
                // A setting-dependent value in every key range, whichever connection of a parallel export reads it.
                "UPDATE issue12 SET iv = ('-' || id || ' days -04:00:00')::interval WHERE id BETWEEN 2 AND 5");
        expected = textRows(db);
        setDatabaseDefaults(db, ODD_SETTINGS);
        backup = inZone("Europe/Berlin", () -> Backups.builder().source(JdbcSource.of(db.dataSource())).store(store)
                .plan(BackupPlan.builder().tables("issue12").strict(false).build()).audit(AuditSink.noop()).build()
                .backup());
        VerificationResult verified = BackupVerifier.builder().store(store).audit(AuditSink.noop()).build()
                .verify(backup.id(), VerificationLevel.FULL);
        assertThat(verified.problems()).isEmpty();
    }

    @Test
    void issue12_everyValueComesBackExactlyThroughCopy() throws Exception {
        try (TestDatabase target = target()) {
            RestoreReport report = inZone("Europe/Berlin", () -> restorer(JdbcTarget.of(target.dataSource()),
                    RestoreOptions.defaults()).restore(backup.id()));
            assertThat(report.checks()).contains("1 tables loaded with PostgreSQL COPY");
            assertThat(textRows(target)).isEqualTo(expected);
        }
    }

    @Test
    void issue12_everyValueComesBackExactlyThroughInsert() throws Exception {
        try (TestDatabase target = target()) {
            inZone("Europe/Berlin", () -> restorer(JdbcTarget.builder(target.dataSource()).bulkLoad(false).build(),
                    RestoreOptions.defaults()).restore(backup.id()));
            assertThat(textRows(target)).isEqualTo(expected);
        }
    }

    @Test
    void issue12_everyValueComesBackExactlyThroughUpsert() throws Exception {
        try (TestDatabase target = target()) {
            target.execute("INSERT INTO issue12 (id, d) SELECT g, '2000-01-01' FROM generate_series(1, 6) g");
            restorer(JdbcTarget.of(target.dataSource()), RestoreOptions.defaults().withMode(RestoreMode.UPSERT))
                    .restore(backup.id());
            assertThat(textRows(target)).isEqualTo(expected);
        }
    }

    @Test
    void issue12_aParallelExportPinsTheSettingsOnItsSharedSnapshotConnectionsToo() throws Exception {
        InMemoryBlobStore parallelStore = new InMemoryBlobStore();
        BackupResult parallel = inZone("Europe/Berlin", () -> Backups.builder().source(JdbcSource.of(source.dataSource()))
                .store(parallelStore).plan(BackupPlan.builder().tables("issue12").strict(false).build())
                .parallelism(3).splitTablesFrom(1).audit(AuditSink.noop()).build().backup());
        assertThat(parallel.manifest().partsOf("issue12")).as("key ranges read on separate connections").hasSizeGreaterThan(1);
        try (TestDatabase target = target()) {
            Restorer.builder().store(parallelStore).target(JdbcTarget.builder(target.dataSource()).bulkLoad(false).build())
                    .audit(AuditSink.noop()).build().restore(parallel.id());
            assertThat(textRows(target)).isEqualTo(expected);
        }
    }

    @Test
    void issue12_refusesArrayLowerBoundsOtherThanOneAtBackupTime() {
        source.execute("CREATE TABLE bounded (id int PRIMARY KEY, vals int[])",
                "INSERT INTO bounded VALUES (1, '{1,2}'), (2, '[0:2]={7,8,9}')");
        assertThatThrownBy(() -> Backups.builder().source(JdbcSource.of(source.dataSource())).store(new InMemoryBlobStore())
                .plan(BackupPlan.builder().tables("bounded").strict(false).build()).audit(AuditSink.noop()).build()
                .backup())
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("bounded.vals").hasMessageContaining("_int4").hasMessageContaining("lower bound")
                .hasMessageNotContaining("7,8,9");
    }

    private TestDatabase target() {
        TestDatabase target = source.createSibling();
        target.execute(DDL);
        setDatabaseDefaults(target, OTHER_ODD_SETTINGS);
        return target;
    }

    private Restorer restorer(JdbcTarget target, RestoreOptions options) {
        return Restorer.builder().store(store).target(target).options(options).audit(AuditSink.noop()).build();
    }

    private static void setDatabaseDefaults(TestDatabase db, List<String> settings) {
        for (String setting : settings) {
            db.execute("ALTER DATABASE \"" + db.name() + "\" SET " + setting);
        }
    }

    /** Every row as PostgreSQL prints it, in one fixed session setup, so that source and target compare. */
    private static Map<Integer, List<String>> textRows(TestDatabase db) throws SQLException {
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("SET DateStyle = ISO; SET IntervalStyle = postgres; SET TimeZone = 'UTC';"
                    + " SET extra_float_digits = 3; SET bytea_output = hex");
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < COLUMNS.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(COLUMNS.get(i)).append("::text");
            }
            try (ResultSet rs = s.executeQuery(sql.append(" FROM issue12 ORDER BY id").toString())) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        values.add(COLUMNS.get(i) + "=" + rs.getString(i + 1));
                    }
                    rows.put(rs.getInt(1), values);
                }
            }
        }
        return rows;
    }

    private static <T> T inZone(String zone, Supplier<T> action) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            return action.get();
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
