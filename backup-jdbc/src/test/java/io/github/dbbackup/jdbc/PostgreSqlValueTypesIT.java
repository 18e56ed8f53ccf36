package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

@WithDatabase(DatabaseKind.POSTGRESQL)
class PostgreSqlValueTypesIT extends ValueTypesContract {

    private static final String COLUMNS = "id, big, num, num_nan, tstz, ts, d, t, b, j, js, u, ints, texts, e, iv, dbl,"
            + " rl, bool, txt, inet1, moods";

    @Override
    List<String> ddl() {
        return List.of(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE types (id int PRIMARY KEY, big bigint, num numeric(38,10), num_nan numeric, tstz timestamptz,"
                        + " ts timestamp, d date, t time, b bytea, j jsonb, js json, u uuid, ints int[], texts text[],"
                        + " e mood, iv interval, dbl double precision, rl real, bool boolean, txt text, inet1 inet,"
                        + " moods mood[])");
    }

    @Override
    void insertRows(Connection c) throws Exception {
        insert(c, "INSERT INTO types (" + COLUMNS + ") VALUES (1, 9223372036854775807,"
                + " 1234567890123456789012345678.0123456789, 'NaN', '2026-11-29 03:00:00.123456+05:45',"
                // 02:30 on 2026-03-08 does not exist in America/St_Johns (DST gap): it must survive unshifted.
                + " '2026-03-08 02:30:00.123456', '0001-01-01', '23:59:59.999999', ?, '{\"a\": [1, \"é\"], \"b\": null}',"
                + " '{\"k\":  \"v\"}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,NULL,3}', ARRAY['x,y', 'q\"z', NULL],"
                + " 'happy', '1 year 2 mons 3 days 04:05:06.789', 'NaN', 1.1, true, ?, '10.0.0.1/24', '{sad,ok}')",
                ALL_BYTES, "Zoë 🚀 \"quoted\" 'single'\n\ttab\\");
        insert(c, "INSERT INTO types (id) VALUES (2)");
        insert(c, "INSERT INTO types (id, big, num, dbl, rl, ts, tstz) VALUES (3, -9223372036854775808, -0.0000000001,"
                + " 'Infinity', '-Infinity', '9999-12-31 23:59:59.999999', '1970-01-01 00:00:00+00')");
    }

    @Override
    Map<Integer, Map<String, Object>> expected() {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        rows.put(1, row("id", 1L, "big", Long.MAX_VALUE, "num", new BigDecimal("1234567890123456789012345678.0123456789"),
                "num_nan", "NaN", "tstz", OffsetDateTime.parse("2026-11-28T21:15:00.123456Z"),
                "ts", LocalDateTime.parse("2026-03-08T02:30:00.123456"), "d", LocalDate.parse("0001-01-01"),
                "t", LocalTime.parse("23:59:59.999999"), "b", ALL_BYTES, "j", "{\"a\": [1, \"é\"], \"b\": null}",
                "js", "{\"k\":  \"v\"}", "u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                "ints", Arrays.asList(1L, null, 3L), "texts", Arrays.asList("x,y", "q\"z", null), "e", "happy",
                "iv", "1 year 2 mons 3 days 04:05:06.789", "dbl", Double.NaN, "rl", 1.1d, "bool", true,
                "txt", "Zoë 🚀 \"quoted\" 'single'\n\ttab\\", "inet1", "10.0.0.1/24", "moods", List.of("sad", "ok")));
        Map<String, Object> nulls = row("id", 2L);
        for (String column : COLUMNS.split(", ")) {
            nulls.putIfAbsent(column, null);
        }
        rows.put(2, nulls);
        Map<String, Object> extremes = new java.util.LinkedHashMap<>(nulls);
        extremes.putAll(row("id", 3L, "big", Long.MIN_VALUE, "num", new BigDecimal("-0.0000000001"),
                "dbl", Double.POSITIVE_INFINITY, "rl", Double.NEGATIVE_INFINITY,
                "ts", LocalDateTime.parse("9999-12-31T23:59:59.999999"), "tstz", OffsetDateTime.parse("1970-01-01T00:00:00Z")));
        rows.put(3, extremes);
        return rows;
    }

    @Override
    List<String> expectedValueTypes() {
        return List.of("id:INTEGER", "big:INTEGER", "num:DECIMAL", "num_nan:DECIMAL", "tstz:TIMESTAMP_TZ",
                "ts:TIMESTAMP", "d:DATE", "t:TIME", "b:BINARY", "j:JSON", "js:JSON", "u:UUID", "ints:ARRAY", "texts:ARRAY",
                "e:OTHER", "iv:OTHER", "dbl:FLOAT", "rl:FLOAT", "bool:BOOLEAN", "txt:STRING", "inet1:OTHER", "moods:ARRAY");
    }
}
