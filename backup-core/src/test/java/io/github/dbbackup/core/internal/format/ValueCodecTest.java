package io.github.dbbackup.core.internal.format;

import static io.github.dbbackup.core.testing.Schemas.array;
import static io.github.dbbackup.core.testing.Schemas.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValueCodecTest {

    private static final String SECRET = "s3cr3t-Value";

    // ---------------------------------------------------------------- helpers

    static String encode(ColumnSchema column, Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFormat.FACTORY.createGenerator(out)) {
            ValueCodec.write(g, "t", column, value);
        }
        return out.toString();
    }

    static Object decode(ColumnSchema column, String json) throws IOException {
        try (JsonParser p = JsonFormat.FACTORY.createParser(json)) {
            p.nextToken();
            Object value = ValueCodec.read(p, column);
            assertThat(p.nextToken()).as("the codec consumed the whole value").isNull();
            return value;
        }
    }

    static Object roundTrip(ColumnSchema column, Object value) throws IOException {
        return decode(column, encode(column, value));
    }

    private static ColumnSchema scalar(ValueType type) {
        return column("c", type);
    }

    private static List<Object> listOf(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    // ---------------------------------------------------------------- round trips

    /** Values already of the Java type the reader decodes to: they must come back equal. */
    static Stream<Arguments> canonicalValues() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        return Stream.of(
                Arguments.of(ValueType.BOOLEAN, true),
                Arguments.of(ValueType.BOOLEAN, false),
                Arguments.of(ValueType.INTEGER, 0L),
                Arguments.of(ValueType.INTEGER, -1L),
                Arguments.of(ValueType.INTEGER, Long.MIN_VALUE),
                Arguments.of(ValueType.INTEGER, Long.MAX_VALUE),
                Arguments.of(ValueType.INTEGER, new BigInteger("18446744073709551615")),
                Arguments.of(ValueType.INTEGER, new BigInteger("9223372036854775808")),
                Arguments.of(ValueType.INTEGER, new BigInteger("-9223372036854775809")),
                Arguments.of(ValueType.INTEGER, new BigInteger("-123456789012345678901234567890123456789")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("1234567890123456789012345678.0123456789")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("-0.0000000001")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("1.500")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("0")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("0.00")),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("99999999999999999999999999999999999999")),
                Arguments.of(ValueType.DECIMAL, "NaN"),
                Arguments.of(ValueType.DECIMAL, "Infinity"),
                Arguments.of(ValueType.DECIMAL, "-Infinity"),
                Arguments.of(ValueType.FLOAT, 0.1d),
                Arguments.of(ValueType.FLOAT, -0.0d),
                Arguments.of(ValueType.FLOAT, 0.0d),
                Arguments.of(ValueType.FLOAT, Double.MIN_VALUE),
                Arguments.of(ValueType.FLOAT, -Double.MIN_VALUE),
                Arguments.of(ValueType.FLOAT, Double.MIN_NORMAL),
                Arguments.of(ValueType.FLOAT, Double.MAX_VALUE),
                Arguments.of(ValueType.FLOAT, 1e300d),
                Arguments.of(ValueType.FLOAT, 3.141592653589793d),
                Arguments.of(ValueType.FLOAT, Double.NaN),
                Arguments.of(ValueType.FLOAT, Double.POSITIVE_INFINITY),
                Arguments.of(ValueType.FLOAT, Double.NEGATIVE_INFINITY),
                Arguments.of(ValueType.STRING, ""),
                Arguments.of(ValueType.STRING, "plain"),
                Arguments.of(ValueType.STRING, "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007"),
                Arguments.of(ValueType.STRING, "héllo wörld ✓ 日本語 😀 \u2028\u2029"),
                Arguments.of(ValueType.STRING, "NaN"),
                Arguments.of(ValueType.STRING, "null"),
                Arguments.of(ValueType.BINARY, allBytes),
                Arguments.of(ValueType.BINARY, new byte[0]),
                Arguments.of(ValueType.BINARY, new byte[] {(byte) 0xff}),
                Arguments.of(ValueType.BINARY, new byte[] {0, 0}),
                Arguments.of(ValueType.DATE, LocalDate.of(1, 1, 1)),
                Arguments.of(ValueType.DATE, LocalDate.of(9999, 12, 31)),
                Arguments.of(ValueType.DATE, LocalDate.of(10000, 1, 1)),
                Arguments.of(ValueType.DATE, LocalDate.of(2024, 2, 29)),
                Arguments.of(ValueType.DATE, LocalDate.of(1970, 1, 1)),
                Arguments.of(ValueType.TIME, LocalTime.of(3, 0, 0, 123_456_000)),
                Arguments.of(ValueType.TIME, LocalTime.of(23, 59, 59, 999_999_999)),
                Arguments.of(ValueType.TIME, LocalTime.MIDNIGHT),
                Arguments.of(ValueType.TIME, LocalTime.of(12, 34)),
                Arguments.of(ValueType.TIME, LocalTime.of(12, 34, 56, 1_000)),
                Arguments.of(ValueType.TIMESTAMP, LocalDateTime.of(2026, 11, 29, 3, 0, 0, 123_456_000)),
                Arguments.of(ValueType.TIMESTAMP, LocalDateTime.of(2026, 11, 29, 3, 0)),
                Arguments.of(ValueType.TIMESTAMP, LocalDateTime.of(1, 1, 1, 0, 0, 0, 1)),
                Arguments.of(ValueType.TIMESTAMP, LocalDateTime.of(10000, 1, 1, 0, 0)),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 123_456_000,
                        ZoneOffset.ofHoursMinutes(5, 30))),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-8))),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 6, 30, 23, 59, 59, 999_999_000,
                        ZoneOffset.ofHours(14))),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0,
                        ZoneOffset.ofHoursMinutesSeconds(0, 19, 32))),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of(ValueType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                Arguments.of(ValueType.UUID, new UUID(0, 0)),
                Arguments.of(ValueType.UUID, new UUID(-1, -1)),
                Arguments.of(ValueType.JSON, "{\"a\":\"b \\\"quoted\\\" c\",\"u\":\"\\u00e9 😀\",\"n\":[1,{\"x\":null}]}"),
                Arguments.of(ValueType.JSON, "[]"),
                Arguments.of(ValueType.JSON, "\"just a string\""),
                Arguments.of(ValueType.OTHER, "1 day 02:03:04.5"),
                Arguments.of(ValueType.OTHER, "192.168.0.1/24"),
                Arguments.of(ValueType.OTHER, "'a':1 'fat':2 'rat':3"),
                Arguments.of(ValueType.OTHER, "<doc attr=\"x\">&amp;</doc>"),
                Arguments.of(ValueType.OTHER, "(1,\"two\",)"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("canonicalValues")
    void decodesEveryValueTypeToAnEqualValue(ValueType type, Object value) throws IOException {
        Object decoded = roundTrip(scalar(type), value);

        assertThat(decoded).isEqualTo(value);
        assertThat(decoded).isExactlyInstanceOf(value.getClass());
    }

    @ParameterizedTest
    @EnumSource(value = ValueType.class)
    void encodesSqlNullAsJsonNullForEveryType(ValueType type) throws IOException {
        ColumnSchema c = type == ValueType.ARRAY ? array("c", ValueType.INTEGER) : scalar(type);

        assertThat(encode(c, null)).isEqualTo("null");
        assertThat(decode(c, "null")).isNull();
    }

    @Test
    void keepsNegativeZeroDistinctFromZero() throws IOException {
        Object decoded = roundTrip(scalar(ValueType.FLOAT), -0.0d);

        assertThat(Double.doubleToRawLongBits((Double) decoded)).isEqualTo(Double.doubleToRawLongBits(-0.0d));
    }

    @Test
    void decodesNarrowIntegerTypesAsLong() throws IOException {
        ColumnSchema c = scalar(ValueType.INTEGER);

        assertThat(roundTrip(c, 42)).isEqualTo(42L);
        assertThat(roundTrip(c, (short) -7)).isEqualTo(-7L);
        assertThat(roundTrip(c, (byte) 127)).isEqualTo(127L);
        assertThat(roundTrip(c, Integer.MIN_VALUE)).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(roundTrip(c, BigInteger.valueOf(5))).isEqualTo(5L);
    }

    @Test
    void writesIntegralBigDecimalInIntegerColumnAsItsDigits() throws IOException {
        assertThat(encode(scalar(ValueType.INTEGER), new BigDecimal("18446744073709551615")))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void keepsDecimalStringsExactly() throws IOException {
        ColumnSchema c = scalar(ValueType.DECIMAL);

        assertThat(roundTrip(c, "12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(encode(c, "12.50")).isEqualTo("\"12.50\"");
    }

    @Test
    void writesFloatAsItsShortestDecimalText() throws IOException {
        ColumnSchema c = scalar(ValueType.FLOAT);

        assertThat(encode(c, 1.1f)).isEqualTo("1.1");
        Object decoded = decode(c, encode(c, 1.1f));
        assertThat(((Double) decoded).floatValue()).isEqualTo(1.1f);
        assertThat(encode(c, Float.NaN)).isEqualTo("\"NaN\"");
        assertThat(encode(c, Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(((Double) roundTrip(c, Float.MAX_VALUE)).floatValue()).isEqualTo(Float.MAX_VALUE);
        assertThat(((Double) roundTrip(c, Float.MIN_VALUE)).floatValue()).isEqualTo(Float.MIN_VALUE);
    }

    // ---------------------------------------------------------------- exact JSON text (FORMAT.md)

    static Stream<Arguments> exactEncodings() {
        return Stream.of(
                Arguments.of(ValueType.BOOLEAN, true, "true"),
                Arguments.of(ValueType.INTEGER, new BigInteger("18446744073709551615"), "18446744073709551615"),
                Arguments.of(ValueType.INTEGER, Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("1234567890123456789012345678.0123456789"),
                        "\"1234567890123456789012345678.0123456789\""),
                Arguments.of(ValueType.DECIMAL, new BigDecimal("1E+3"), "\"1000\""),
                Arguments.of(ValueType.DECIMAL, "NaN", "\"NaN\""),
                Arguments.of(ValueType.FLOAT, Double.NaN, "\"NaN\""),
                Arguments.of(ValueType.FLOAT, Double.POSITIVE_INFINITY, "\"Infinity\""),
                Arguments.of(ValueType.FLOAT, Double.NEGATIVE_INFINITY, "\"-Infinity\""),
                Arguments.of(ValueType.FLOAT, -0.0d, "-0.0"),
                Arguments.of(ValueType.FLOAT, 2.5d, "2.5"),
                Arguments.of(ValueType.STRING, "a\"b\\c\n", "\"a\\\"b\\\\c\\n\""),
                Arguments.of(ValueType.BINARY, new byte[] {0, 1, 2, (byte) 0xff}, "\"AAEC/w==\""),
                Arguments.of(ValueType.DATE, LocalDate.of(2026, 11, 29), "\"2026-11-29\""),
                Arguments.of(ValueType.DATE, LocalDate.of(1, 1, 1), "\"0001-01-01\""),
                Arguments.of(ValueType.DATE, LocalDate.of(10000, 1, 1), "\"+10000-01-01\""),
                Arguments.of(ValueType.TIME, LocalTime.of(3, 0, 0, 123_456_000), "\"03:00:00.123456\""),
                Arguments.of(ValueType.TIME, LocalTime.of(3, 0), "\"03:00:00\""),
                Arguments.of(ValueType.TIME, LocalTime.of(3, 0, 0, 1), "\"03:00:00.000000001\""),
                Arguments.of(ValueType.TIMESTAMP, LocalDateTime.of(2026, 11, 29, 3, 0, 0, 123_456_000),
                        "\"2026-11-29T03:00:00.123456\""),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 500_000_000,
                        ZoneOffset.ofHoursMinutes(5, 30)), "\"2026-11-29T03:00:00.5+05:30\""),
                Arguments.of(ValueType.TIMESTAMP_TZ, OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 0, ZoneOffset.UTC),
                        "\"2026-11-29T03:00:00Z\""),
                Arguments.of(ValueType.UUID, UUID.fromString("123E4567-E89B-12D3-A456-426614174000"),
                        "\"123e4567-e89b-12d3-a456-426614174000\""),
                Arguments.of(ValueType.JSON, "{\"k\":\"v\"}", "\"{\\\"k\\\":\\\"v\\\"}\""),
                Arguments.of(ValueType.OTHER, "1 day", "\"1 day\""));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("exactEncodings")
    void writesTheJsonTextTheFormatSpecifies(ValueType type, Object value, String json) throws IOException {
        assertThat(encode(scalar(type), value)).isEqualTo(json);
    }

    // ---------------------------------------------------------------- arrays

    @Test
    void roundTripsArraysWithNullElements() throws IOException {
        ColumnSchema ints = array("ints", ValueType.INTEGER);
        List<Object> value = listOf(1L, null, Long.MAX_VALUE, new BigInteger("18446744073709551615"));

        assertThat(encode(ints, value)).isEqualTo("[1,null,9223372036854775807,18446744073709551615]");
        assertThat(roundTrip(ints, value)).isEqualTo(value);
    }

    @Test
    void roundTripsTwoDimensionalArrays() throws IOException {
        ColumnSchema matrix = array("m", ValueType.DECIMAL);
        List<Object> value = listOf(listOf(new BigDecimal("1.10"), null), listOf(null, new BigDecimal("-2")));

        assertThat(encode(matrix, value)).isEqualTo("[[\"1.10\",null],[null,\"-2\"]]");
        assertThat(roundTrip(matrix, value)).isEqualTo(value);
    }

    @Test
    void roundTripsArraysOfEveryElementKind() throws IOException {
        assertThat(roundTrip(array("s", ValueType.STRING), listOf("a\"b", "", null, "😀"))).isEqualTo(
                listOf("a\"b", "", null, "😀"));
        assertThat(roundTrip(array("d", ValueType.DATE), listOf(LocalDate.of(1, 1, 1), LocalDate.of(10000, 1, 1))))
                .isEqualTo(listOf(LocalDate.of(1, 1, 1), LocalDate.of(10000, 1, 1)));
        assertThat(roundTrip(array("f", ValueType.FLOAT), listOf(Double.NaN, -0.0d, null, 1.5d)))
                .isEqualTo(listOf(Double.NaN, -0.0d, null, 1.5d));
        assertThat(roundTrip(array("u", ValueType.UUID), listOf(new UUID(1, 2)))).isEqualTo(listOf(new UUID(1, 2)));
        assertThat(roundTrip(array("b", ValueType.BOOLEAN), listOf(true, false, null)))
                .isEqualTo(listOf(true, false, null));
        assertThat(roundTrip(array("e", ValueType.INTEGER), List.of())).isEqualTo(List.of());
        assertThat(roundTrip(array("ee", ValueType.INTEGER), listOf(List.of(), List.of())))
                .isEqualTo(listOf(List.of(), List.of()));
    }

    @Test
    void roundTripsBinaryArrayElements() throws IOException {
        Object decoded = roundTrip(array("bin", ValueType.BINARY), listOf(new byte[] {1, 2, 3}, null, new byte[0]));

        assertThat(decoded).isInstanceOf(List.class);
        List<?> list = (List<?>) decoded;
        assertThat(list).hasSize(3);
        assertThat((byte[]) list.get(0)).containsExactly(1, 2, 3);
        assertThat(list.get(1)).isNull();
        assertThat((byte[]) list.get(2)).isEmpty();
    }

    // ---------------------------------------------------------------- wrong Java type on write

    static Stream<Arguments> wrongJavaTypes() {
        return Stream.of(
                Arguments.of(scalar(ValueType.BOOLEAN), SECRET),
                Arguments.of(scalar(ValueType.BOOLEAN), 1L),
                Arguments.of(scalar(ValueType.INTEGER), SECRET),
                Arguments.of(scalar(ValueType.INTEGER), 1.5d),
                Arguments.of(scalar(ValueType.INTEGER), new BigDecimal("1.5")),
                Arguments.of(scalar(ValueType.DECIMAL), 1.5d),
                Arguments.of(scalar(ValueType.DECIMAL), SECRET),
                Arguments.of(scalar(ValueType.FLOAT), new BigDecimal("1.5")),
                Arguments.of(scalar(ValueType.FLOAT), SECRET),
                Arguments.of(scalar(ValueType.STRING), 42L),
                Arguments.of(scalar(ValueType.STRING), SECRET.toCharArray()),
                Arguments.of(scalar(ValueType.JSON), List.of(SECRET)),
                Arguments.of(scalar(ValueType.OTHER), 1L),
                Arguments.of(scalar(ValueType.BINARY), SECRET),
                Arguments.of(scalar(ValueType.DATE), LocalDateTime.of(2026, 1, 1, 0, 0)),
                Arguments.of(scalar(ValueType.DATE), "2026-01-01"),
                Arguments.of(scalar(ValueType.TIME), SECRET),
                Arguments.of(scalar(ValueType.TIMESTAMP), OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of(scalar(ValueType.TIMESTAMP_TZ), LocalDateTime.of(2026, 1, 1, 0, 0)),
                Arguments.of(scalar(ValueType.UUID), SECRET),
                Arguments.of(array("c", ValueType.INTEGER), SECRET),
                Arguments.of(array("c", ValueType.INTEGER), new long[] {1, 2}),
                Arguments.of(array("c", ValueType.INTEGER), List.of(SECRET)));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("wrongJavaTypes")
    void rejectsAValueOfTheWrongJavaTypeNamingTableAndColumn(ColumnSchema column, Object value) {
        StringWriter out = new StringWriter();

        assertThatThrownBy(() -> {
            try (JsonGenerator g = JsonFormat.FACTORY.createGenerator(out)) {
                ValueCodec.write(g, "users", column, value);
            }
        })
                .isExactlyInstanceOf(BackupException.class)
                .hasMessageContaining("'users." + column.name() + "'")
                .hasMessageContaining(column.typeName())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void namesTheOffendingJavaTypeAndValueType() {
        assertThatThrownBy(() -> encode(scalar(ValueType.UUID), SECRET))
                .isExactlyInstanceOf(BackupException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("value type UUID")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> encode(array("c", ValueType.INTEGER), List.of(SECRET)))
                .isExactlyInstanceOf(BackupException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("value type INTEGER");
    }

    @Test
    void rejectsADecimalStringThatIsNotANumberWithoutEchoingIt() {
        assertThatThrownBy(() -> encode(scalar(ValueType.DECIMAL), "12,5 " + SECRET))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("'t.c'")
                .hasMessageNotContaining(SECRET);
    }

    // ---------------------------------------------------------------- malformed JSON on read

    static Stream<Arguments> malformedTokens() {
        String s = "\"" + SECRET + "\"";
        return Stream.of(
                Arguments.of(ValueType.BOOLEAN, "\"true\""),
                Arguments.of(ValueType.BOOLEAN, "1"),
                Arguments.of(ValueType.INTEGER, s),
                Arguments.of(ValueType.INTEGER, "1.5"),
                Arguments.of(ValueType.INTEGER, "true"),
                Arguments.of(ValueType.DECIMAL, "1.5"),
                Arguments.of(ValueType.DECIMAL, s),
                Arguments.of(ValueType.DECIMAL, "\"12,5" + SECRET + "\""),
                Arguments.of(ValueType.DECIMAL, "\"nan\""),
                Arguments.of(ValueType.FLOAT, s),
                Arguments.of(ValueType.FLOAT, "\"inf\""),
                Arguments.of(ValueType.FLOAT, "false"),
                Arguments.of(ValueType.STRING, "42"),
                Arguments.of(ValueType.STRING, "{\"k\":\"" + SECRET + "\"}"),
                Arguments.of(ValueType.JSON, "{\"k\":\"" + SECRET + "\"}"),
                Arguments.of(ValueType.OTHER, "[1]"),
                Arguments.of(ValueType.BINARY, "42"),
                Arguments.of(ValueType.DATE, "\"2026-13-45" + SECRET + "\""),
                Arguments.of(ValueType.DATE, "\"29.11.2026\""),
                Arguments.of(ValueType.DATE, "20261129"),
                Arguments.of(ValueType.TIME, "\"25:61:00" + SECRET + "\""),
                Arguments.of(ValueType.TIMESTAMP, "\"2026-11-29 03:00:00" + SECRET + "\""),
                Arguments.of(ValueType.TIMESTAMP_TZ, "\"2026-11-29T03:00:00" + SECRET + "\""),
                Arguments.of(ValueType.TIMESTAMP_TZ, "\"2026-11-29T03:00:00\""),
                Arguments.of(ValueType.UUID, "\"not-a-uuid-" + SECRET + "\""),
                Arguments.of(ValueType.UUID, s), // fewer than four dashes: UUID.fromString quotes the input
                Arguments.of(ValueType.UUID, "\"" + SECRET + SECRET + SECRET + SECRET + "\""),
                Arguments.of(ValueType.UUID, "123"),
                Arguments.of(ValueType.ARRAY, s),
                Arguments.of(ValueType.ARRAY, "{\"a\":1}"),
                Arguments.of(ValueType.ARRAY, "[" + s + "]"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedTokens")
    void rejectsAMalformedTokenWithoutEchoingTheValue(ValueType type, String json) {
        ColumnSchema c = type == ValueType.ARRAY ? array("c", ValueType.INTEGER) : scalar(type);

        assertThatThrownBy(() -> decode(c, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("2026")
                .hasMessageNotContaining("25:61");
    }

    @Test
    void rejectsInvalidBase64WithoutEchoingTheValue() {
        assertThatThrownBy(() -> decode(scalar(ValueType.BINARY), "\"!!" + SECRET + "\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BINARY")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void namesTheExpectedTypeAndTheFoundTokenKind() {
        assertThatThrownBy(() -> decode(scalar(ValueType.INTEGER), "\"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a INTEGER value but found a string");
        assertThatThrownBy(() -> decode(array("c", ValueType.INTEGER), "7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an array but found a number");
    }
}
