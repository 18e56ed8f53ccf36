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

@WithDatabase(DatabaseKind.H2)
class H2ValueTypesTest extends ValueTypesContract {

    private static final String COLUMNS = "id, big, num, tstz, ts, d, t, b, j, u, ints, texts, e, iv, dbl, rl, bool, txt";

    @Override
    List<String> ddl() {
        return List.of("CREATE TABLE types (id int PRIMARY KEY, big bigint, num numeric(38,10),"
                + " tstz timestamp(9) with time zone, ts timestamp(9), d date, t time(9), b varbinary(300), j json, u uuid,"
                + " ints integer array, texts varchar(20) array, e enum('sad','ok','happy'), iv interval day to second,"
                + " dbl double precision, rl real, bool boolean, txt varchar(200))");
    }

    @Override
    void insertRows(Connection c) throws Exception {
        insert(c, "INSERT INTO types (" + COLUMNS + ") VALUES (1, 9223372036854775807,"
                + " 1234567890123456789012345678.0123456789, TIMESTAMP WITH TIME ZONE '2026-11-29 03:00:00.123456789+05:45',"
                + " TIMESTAMP '2026-03-08 02:30:00.123456789', DATE '0001-01-01', TIME '23:59:59.999999999', ?,"
                + " JSON '{\"a\":[1,\"é\"]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', ARRAY[1, NULL, 3],"
                + " ARRAY['x,y', 'q\"z', NULL], 'happy', INTERVAL '1 02:03:04.5' DAY TO SECOND, CAST('NaN' AS DOUBLE PRECISION),"
                + " 1.1, true, ?)", ALL_BYTES, "Zoë 🚀 \"quoted\" 'single'\n\ttab\\");
        insert(c, "INSERT INTO types (id) VALUES (2)");
        insert(c, "INSERT INTO types (id, big, dbl) VALUES (3, -9223372036854775808, CAST('-Infinity' AS DOUBLE PRECISION))");
    }

    @Override
    Map<Integer, Map<String, Object>> expected() {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        rows.put(1, row("id", 1L, "big", Long.MAX_VALUE, "num", new BigDecimal("1234567890123456789012345678.0123456789"),
                "tstz", OffsetDateTime.parse("2026-11-29T03:00:00.123456789+05:45"),
                "ts", LocalDateTime.parse("2026-03-08T02:30:00.123456789"), "d", LocalDate.parse("0001-01-01"),
                "t", LocalTime.parse("23:59:59.999999999"), "b", ALL_BYTES, "j", "{\"a\":[1,\"é\"]}",
                "u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "ints", Arrays.asList(1L, null, 3L),
                "texts", Arrays.asList("x,y", "q\"z", null), "e", "happy", "iv", "INTERVAL '1 02:03:04.5' DAY TO SECOND",
                "dbl", Double.NaN, "rl", 1.1d, "bool", true, "txt", "Zoë 🚀 \"quoted\" 'single'\n\ttab\\"));
        Map<String, Object> nulls = row("id", 2L);
        for (String column : COLUMNS.split(", ")) {
            nulls.putIfAbsent(column, null);
        }
        rows.put(2, nulls);
        Map<String, Object> extremes = new java.util.LinkedHashMap<>(nulls);
        extremes.putAll(row("id", 3L, "big", Long.MIN_VALUE, "dbl", Double.NEGATIVE_INFINITY));
        rows.put(3, extremes);
        return rows;
    }

    @Override
    List<String> expectedValueTypes() {
        return List.of("id:INTEGER", "big:INTEGER", "num:DECIMAL", "tstz:TIMESTAMP_TZ", "ts:TIMESTAMP", "d:DATE", "t:TIME",
                "b:BINARY", "j:JSON", "u:UUID", "ints:ARRAY", "texts:ARRAY", "e:OTHER", "iv:OTHER", "dbl:FLOAT", "rl:FLOAT",
                "bool:BOOLEAN", "txt:STRING");
    }
}
