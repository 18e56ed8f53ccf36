package io.github.dbbackup.pgcopy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The buffer writes exactly the bytes of the straightforward encoding: each value's text form
 * ({@code toString}, {@code \x}+hex for bytes, …), escaped for COPY, then {@code getBytes(UTF_8)}.
 */
class CopyTextBufferTest {

    private static final ColumnSchema TEXT = ColumnSchema.of("c", Types.VARCHAR, "text", ValueType.STRING, true);
    private static final ColumnSchema INT = ColumnSchema.of("c", Types.BIGINT, "int8", ValueType.INTEGER, true);
    private static final ColumnSchema BOOL = ColumnSchema.of("c", Types.BOOLEAN, "bool", ValueType.BOOLEAN, true);
    private static final ColumnSchema TIMESTAMP = ColumnSchema.of("c", Types.TIMESTAMP, "timestamp", ValueType.TIMESTAMP,
            true);

    @Test
    void writesEveryKindOfValueAsItsEscapedUtf8TextForm() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, "", "plain", "tab\there", "new\nline\r\n", "back\\slash",
                "\\N", "Zoë — ✔ 😀", "lone \ud800 high", "lone \udc00 low", "high at end \ud83d", "\u0000\u0001\u007f\u0080",
                "\u07ff\u0800\uffff", 0L, 1L, -1L, 42L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_000_000_000L,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1E+3"), new BigDecimal("-0.000100"),
                0.0, -0.0, 1.5, 1e300, 1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 12.3f,
                true, false, new byte[0], new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\\', '\n'},
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), LocalDate.of(2026, 11, 29), LocalDate.of(0, 1, 1),
                LocalDate.of(999, 12, 31), LocalDate.of(9999, 12, 31), LocalDate.of(10_000, 1, 1), LocalDate.of(-44, 3, 15),
                LocalTime.of(3, 0), LocalTime.of(23, 59, 59, 999_999_999),
                OffsetDateTime.of(2026, 11, 29, 4, 0, 0, 500_000_000, ZoneOffset.ofHours(1)),
                List.of("a", "b\"c", "d\\e"), Arrays.asList(1L, null, 3L), List.of(List.of("x"), List.of("y"))));
        for (int nano : new int[] {0, 1, 10, 1000, 120_000, 1_000_000, 5_000_000, 500_000_000, 999_999_999, 123_456_789}) {
            for (int second : new int[] {0, 1, 59}) {
                values.add(LocalDateTime.of(2026, 1, 5, 0, 0, second, nano));
                values.add(LocalDateTime.of(7, 12, 31, 23, 9, second, nano));
            }
        }
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.addAll(List.of(p - 1, p, p + 1, -p, -p + 1, -p - 1, 10 * p - 1, -(10 * p - 1)));
        }
        values.add(LocalDateTime.of(12_026, 1, 1, 0, 0));
        values.add(LocalDateTime.of(-1, 1, 1, 0, 0, 1));
        for (Object value : values) {
            for (ColumnSchema column : Arrays.asList(TEXT, INT, BOOL, TIMESTAMP, null)) {
                CopyTextBuffer buffer = new CopyTextBuffer(1);
                buffer.value(value, column);
                assertThat(Arrays.copyOf(buffer.bytes(), buffer.size()))
                        .as("%s for %s", value instanceof byte[] b ? HexFormat.of().formatHex(b) : value, column)
                        .isEqualTo(reference(value, column));
            }
        }
    }

    @Test
    void issue12_writesPostgreSqlsOwnFormsOfBcDatesLargeYearsInfinityAnd2400() {
        Object[][] cases = {
            {LocalDate.of(-43, 3, 15), "0044-03-15 BC"},
            {LocalDate.of(0, 1, 1), "0001-01-01 BC"},
            {LocalDate.of(-4712, 1, 1), "4713-01-01 BC"},
            {LocalDate.of(12_026, 1, 1), "12026-01-01"},
            {LocalDate.of(5_874_897, 12, 31), "5874897-12-31"},
            {LocalDate.MAX, "infinity"},
            {LocalDate.MIN, "-infinity"},
            {LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000), "0044-03-15 12:00:00.5 BC"},
            {LocalDateTime.of(12_026, 1, 1, 0, 0, 0, 1000), "12026-01-01 00:00:00.000001"},
            {LocalDateTime.MAX, "infinity"},
            {LocalDateTime.MIN, "-infinity"},
            {OffsetDateTime.of(-43, 3, 15, 0, 0, 0, 0, ZoneOffset.UTC), "0044-03-15 00:00:00+00:00 BC"},
            {OffsetDateTime.of(1500, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 53, 28)),
                "1500-01-01 00:00:00+00:53:28"},
            {OffsetDateTime.MAX, "infinity"},
            {OffsetDateTime.MIN, "-infinity"},
            {LocalTime.MAX, "24:00:00"},
            {LocalTime.of(23, 59, 59, 999_999_000), "23:59:59.999999"},
        };
        for (Object[] c : cases) {
            for (ColumnSchema column : Arrays.asList(TIMESTAMP, TEXT, null)) {
                CopyTextBuffer buffer = new CopyTextBuffer(1);
                buffer.value(c[0], column);
                assertThat(new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.UTF_8)).as("%s", c[0])
                        .isEqualTo(c[1]);
            }
        }
    }

    @Test
    void randomStringsAndLongsEncodeLikeTheReference() {
        Random random = new Random(8);
        CopyTextBuffer buffer = new CopyTextBuffer(16);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x800);
                    case 2 -> (char) (0xd800 + random.nextInt(0x800)); // surrogates, paired or not
                    default -> (char) random.nextInt(0x10000);
                };
            }
            String s = new String(chars);
            long l = random.nextLong() >> random.nextInt(64);
            buffer.value(s, TEXT);
            buffer.tab();
            buffer.value(l, INT);
            buffer.newline();
            all.writeBytes(reference(s, TEXT));
            all.write('\t');
            all.writeBytes(reference(l, INT));
            all.write('\n');
        }
        assertThat(Arrays.copyOf(buffer.bytes(), buffer.size())).isEqualTo(all.toByteArray());
    }

    @Test
    void clearGivesBackMemoryAfterAHugeRow() {
        CopyTextBuffer buffer = new CopyTextBuffer(1024);
        buffer.value("x".repeat(100_000), TEXT);
        buffer.clear(1024);

        assertThat(buffer.size()).isZero();
        assertThat(buffer.bytes()).hasSize(1024);
    }

    /** The straightforward encoding the buffer must equal. */
    private static byte[] reference(Object value, ColumnSchema column) {
        if (value == null) {
            return "\\N".getBytes(StandardCharsets.UTF_8);
        }
        String text;
        if (value instanceof Boolean b) {
            text = column != null && column.valueType() == ValueType.INTEGER ? (b ? "1" : "0") : (b ? "t" : "f");
        } else if (value instanceof Long l && column != null && column.valueType() == ValueType.BOOLEAN) {
            text = l != 0 ? "t" : "f";
        } else if (value instanceof BigDecimal bd) {
            text = bd.toPlainString();
        } else if (value instanceof byte[] bytes) {
            text = "\\x" + HexFormat.of().formatHex(bytes);
        } else if (value instanceof List<?> list) {
            text = PostgreSqlDialect.arrayLiteral(list, column);
        } else if (value instanceof LocalDateTime t && column != null && column.valueType() == ValueType.TIMESTAMP
                && t.getYear() >= 1 && t.getYear() <= 9999) {
            text = t.toString().replace('T', ' ');
        } else if (value instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
            text = d.toString();
        } else if (value instanceof java.time.temporal.Temporal) {
            text = PostgreSqlDialect.inputText(value);
        } else {
            text = value.toString();
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }
}
