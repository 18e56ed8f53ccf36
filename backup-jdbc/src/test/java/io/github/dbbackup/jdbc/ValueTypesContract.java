package io.github.dbbackup.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.BackupReader;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.Backups;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.plan.ExclusionPolicy;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.store.InMemoryBlobStore;
import io.github.dbbackup.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every value type a dialect has survives a backup: the values read back from the set equal what
 * was stored, compared column by column. Subclasses give the DDL, the rows, and the expected values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ValueTypesContract {

    /** All 256 byte values: a binary column must keep each. */
    static final byte[] ALL_BYTES = allBytes();

    TestDatabase db;

    /** DDL creating table {@code types} with primary key {@code id}. */
    abstract List<String> ddl();

    /** Inserts the rows; binary columns are set with {@code setBytes(…, ALL_BYTES)}. */
    abstract void insertRows(Connection c) throws Exception;

    /** The expected decoded values by id, then column name. */
    abstract Map<Integer, Map<String, Object>> expected();

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @BeforeAll
    void createTypesTable(TestDatabase db) throws Exception {
        this.db = db;
        db.execute(ddl().toArray(String[]::new));
        try (Connection c = db.dataSource().getConnection()) {
            insertRows(c);
        }
    }

    static void insert(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Test
    void runsInAJvmZoneThatIsNotUtc() {
        // The premise of the timestamp checks: a zone with an offset (and DST) exposes any shifting.
        assertThat(TimeZone.getDefault().getRawOffset()).isNotZero();
    }

    @Test
    void everyValueReadsBackEqual() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult result = Backups.builder()
                .source(JdbcSource.of(db.dataSource()))
                .store(store)
                .plan(BackupPlan.builder().tables("types").strict(false).build())
                .audit(AuditSink.noop())
                .build()
                .backup();

        BackupReader set = BackupReader.open(store, result.id());
        List<String> columns = set.manifest().table("types").orElseThrow().schema().columnNames();
        Map<Integer, Map<String, Object>> actual = new TreeMap<>();
        set.forEachRow("types", row -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                values.put(columns.get(i), row[i]);
            }
            actual.put(((Number) values.get("id")).intValue(), values);
        });

        Map<Integer, Map<String, Object>> expected = expected();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<Integer, Map<String, Object>> row : expected.entrySet()) {
            Map<String, Object> got = actual.get(row.getKey());
            assertThat(got.keySet()).as("columns of row %d", row.getKey())
                    .containsExactlyInAnyOrderElementsOf(row.getValue().keySet());
            for (Map.Entry<String, Object> value : row.getValue().entrySet()) {
                assertThat(got.get(value.getKey()))
                        .as("row %d, column %s", row.getKey(), value.getKey())
                        .isEqualTo(value.getValue());
            }
        }
    }

    @Test
    void recordsEveryColumnTypeInTheManifest() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        BackupResult result = Backups.builder()
                .source(JdbcSource.of(db.dataSource()))
                .store(store)
                .plan(BackupPlan.allTablesExcept(ExclusionPolicy.none()))
                .audit(AuditSink.noop())
                .build()
                .backup();
        List<ColumnSchema> columns = result.manifest().table("types").orElseThrow().schema().columns();
        List<String> typeNames = new ArrayList<>();
        columns.forEach(c -> typeNames.add(c.name() + ":" + c.valueType()));
        assertThat(typeNames).containsExactlyElementsOf(expectedValueTypes());
    }

    /** {@code column:VALUE_TYPE} for every column of {@code types}, in order. */
    abstract List<String> expectedValueTypes();

    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
