package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import io.github.dbbackup.jdbc.testing.WithDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

@WithDatabase(DatabaseKind.MARIADB)
class MariaDbValueTypesIT extends ValueTypesContract {

    private static final String COLUMNS = "id, big, ubig, num, ts, dt, d, t, b, vb, j, u, e, s, dbl, fl, bool, tiny, bit1,"
            + " txt";

    @Override
    List<String> ddl() {
        return List.of("CREATE TABLE types (id int PRIMARY KEY, big bigint, ubig bigint unsigned, num decimal(38,10),"
                + " ts timestamp(6) NULL, dt datetime(6), d date, t time(6), b blob, vb varbinary(300), j json, u uuid,"
                + " e enum('sad','ok','happy'), s set('x','y'), dbl double, fl float, bool boolean, tiny tinyint(1),"
                + " bit1 bit(1), txt text) DEFAULT CHARSET utf8mb4");
    }

    @Override
    void insertRows(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            // TIMESTAMP values are interpreted in the session zone; the backup reads them in UTC.
            s.execute("SET time_zone = '+00:00'");
        }
        insert(c, "INSERT INTO types (" + COLUMNS + ") VALUES (1, 9223372036854775807, 18446744073709551615,"
                + " 1234567890123456789012345678.0123456789, '2026-11-29 03:00:00.123456', '2026-03-08 02:30:00.5',"
                + " '1000-01-01', '-838:59:59.000000', ?, ?, '{\"a\": [1, \"é\"]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                + " 'happy', 'x,y', 1.7976931348623157E308, 1.1, true, 5, b'1', ?)",
                ALL_BYTES, new byte[] {0, 1, 2}, "Zoë 🚀 \"quoted\" 'single'\n\ttab\\");
        insert(c, "INSERT INTO types (id) VALUES (2)");
        insert(c, "INSERT INTO types (id, big, num, dbl, bool, tiny) VALUES (3, -9223372036854775808, -0.0000000001,"
                + " -4.9E-324, false, -128)");
    }

    @Override
    Map<Integer, Map<String, Object>> expected() {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        rows.put(1, row("id", 1L, "big", Long.MAX_VALUE, "ubig", new BigInteger("18446744073709551615"),
                "num", new BigDecimal("1234567890123456789012345678.0123456789"),
                "ts", "2026-11-29 03:00:00.123456", "dt", "2026-03-08 02:30:00.500000", "d", "1000-01-01",
                "t", "-838:59:59.000000", "b", ALL_BYTES, "vb", new byte[] {0, 1, 2},
                "j", "{\"a\": [1, \"é\"]}", "u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "e", "happy",
                "s", "x,y", "dbl", Double.MAX_VALUE, "fl", 1.1d, "bool", 1L, "tiny", 5L, "bit1", true,
                "txt", "Zoë 🚀 \"quoted\" 'single'\n\ttab\\"));
        Map<String, Object> nulls = row("id", 2L);
        for (String column : COLUMNS.split(", ")) {
            nulls.putIfAbsent(column, null);
        }
        rows.put(2, nulls);
        Map<String, Object> extremes = new java.util.LinkedHashMap<>(nulls);
        extremes.putAll(row("id", 3L, "big", Long.MIN_VALUE, "num", new BigDecimal("-0.0000000001"), "dbl", -Double.MIN_VALUE,
                "bool", 0L, "tiny", -128L));
        rows.put(3, extremes);
        return rows;
    }

    @Override
    List<String> expectedValueTypes() {
        return List.of("id:INTEGER", "big:INTEGER", "ubig:INTEGER", "num:DECIMAL", "ts:OTHER", "dt:OTHER",
                "d:OTHER", "t:OTHER", "b:BINARY", "vb:BINARY", "j:STRING", "u:UUID", "e:STRING", "s:STRING", "dbl:FLOAT",
                "fl:FLOAT", "bool:INTEGER", "tiny:INTEGER", "bit1:BOOLEAN", "txt:STRING");
    }
}
