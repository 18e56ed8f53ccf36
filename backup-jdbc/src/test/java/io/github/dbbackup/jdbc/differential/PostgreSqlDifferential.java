package io.github.dbbackup.jdbc.differential;

import static io.github.dbbackup.jdbc.differential.ValueClass.edge;
import static io.github.dbbackup.jdbc.differential.ValueClass.ordinary;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * PostgreSQL for the differential suite: every type the backup maps (and the OTHER types it carries
 * as text), their arrays and two-dimensional arrays, with infinities, BC dates, dates around the
 * Gregorian cutover, years past 9999, NaN and ±Infinity, 24:00, µs, DST-gap times, odd enum labels.
 * Values print as {@code col::text} under a fixed session (ISO dates, postgres intervals, UTC,
 * {@code extra_float_digits = 3}).
 *
 * @since 0.1
 */
public final class PostgreSqlDifferential extends DifferentialDialect {

    /** The enum type the {@code mood} columns use, with an empty and other odd labels. */
    static final String MOOD = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', '', ' ', 'with space', 'quo\"te''s', 'ünï😀')";

    private final List<ColumnType> types = buildTypes();

    /** Creates the dialect. */
    public PostgreSqlDifferential() {
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    @Override
    public List<String> setup() {
        return List.of(MOOD);
    }

    @Override
    public List<ColumnType> types() {
        return types;
    }

    @Override
    public Map<String, String> knownBroken() {
        return KnownBroken.POSTGRESQL;
    }

    @Override
    public String print(String quotedColumn, ColumnType type) {
        return quotedColumn + "::text";
    }

    @Override
    public List<String> canonicalSession() {
        return List.of("SET DateStyle = 'ISO, MDY'", "SET IntervalStyle = 'postgres'", "SET TimeZone = 'UTC'",
                "SET extra_float_digits = 3", "SET bytea_output = 'hex'");
    }

    @Override
    public List<SessionVariant> sessionVariants() {
        return List.of(SessionVariant.DEFAULT, new SessionVariant("sql_standard/SQL,DMY/Los_Angeles/extra_float_digits=0",
                List.of("ALTER DATABASE %s SET IntervalStyle = 'sql_standard'", "ALTER DATABASE %s SET DateStyle = 'SQL, DMY'",
                        "ALTER DATABASE %s SET TimeZone = 'America/Los_Angeles'",
                        "ALTER DATABASE %s SET extra_float_digits = 0"), List.of()));
    }

    @Override
    public List<RestorePath> restorePaths() {
        return List.of(RestorePath.COPY, RestorePath.INSERT, RestorePath.UPSERT);
    }

    private static String cast(String type, String text) {
        return "CAST(" + literal(text) + " AS " + type + ")";
    }

    private static ValueClass e(String name, String type, String text) {
        return edge(name, cast(type, text));
    }

    private static ValueClass o(String name, String type, Function<Random, String> text) {
        return ordinary(name, r -> cast(type, text.apply(r)));
    }

    private static ColumnType arrayOf(ColumnType element, ValueClass... classes) {
        String ddl = element.ddl() + "[]";
        return ColumnType.array(element.key() + "[]", ddl, element, 1,
                l -> "CAST(ARRAY[" + String.join(", ", l) + "] AS " + ddl + ")", classes);
    }

    private static ColumnType nested(ColumnType array) {
        String ddl = array.ddl() + "[]";
        return ColumnType.array(array.key() + "[]", ddl, array, 2,
                l -> "CAST(ARRAY[" + String.join(", ", l) + "] AS " + ddl + ")");
    }

    private static List<ColumnType> buildTypes() {
        ColumnType int2 = ColumnType.scalar("smallint", "smallint", e("min", "smallint", "-32768"),
                e("max", "smallint", "32767"), e("zero", "smallint", "0"),
                o("ordinary", "smallint", r -> Integer.toString(r.nextInt(65536) - 32768)));
        ColumnType int4 = ColumnType.scalar("integer", "integer", e("min", "integer", "-2147483648"),
                e("max", "integer", "2147483647"), e("zero", "integer", "0"), o("ordinary", "integer", r -> Integer.toString(r.nextInt())));
        ColumnType int8 = ColumnType.scalar("bigint", "bigint", e("min", "bigint", "-9223372036854775808"),
                e("max", "bigint", "9223372036854775807"), o("ordinary", "bigint", r -> Long.toString(r.nextLong())));
        ColumnType numeric = ColumnType.scalar("numeric", "numeric", e("nan", "numeric", "NaN"),
                e("infinity", "numeric", "Infinity"), e("-infinity", "numeric", "-Infinity"), e("zero-scale", "numeric", "0.000"),
                e("tiny", "numeric", "-0.0000000001"), e("max-scale", "numeric", "0." + "0".repeat(16382) + "1"),
                e("huge", "numeric", "9".repeat(1000) + "." + "9".repeat(100)),
                o("ordinary", "numeric", r -> Gen.decimal(r, 40, 30)));
        ColumnType numeric3810 = ColumnType.scalar("numeric(38,10)", "numeric(38,10)",
                e("max", "numeric(38,10)", "9".repeat(28) + "." + "9".repeat(10)),
                e("min", "numeric(38,10)", "-" + "9".repeat(28) + "." + "9".repeat(10)),
                e("epsilon", "numeric(38,10)", "0.0000000001"), e("nan", "numeric(38,10)", "NaN"),
                o("ordinary", "numeric(38,10)", r -> Gen.decimal(r, 28, 10)));
        ColumnType real = ColumnType.scalar("real", "real", e("nan", "real", "NaN"), e("infinity", "real", "Infinity"),
                e("-infinity", "real", "-Infinity"), e("-zero", "real", "-0"), e("zero", "real", "0"),
                e("max", "real", "3.4028235e+38"), e("min-normal", "real", "1.17549435e-38"), e("min-subnormal", "real", "1.4e-45"),
                e("one-tenth", "real", "0.1"), e("double-rounding", "real", "7.038531e-26"),
                e("-double-rounding", "real", "-7.038531e-26"), o("ordinary", "real", Gen::floatText));
        ColumnType dbl = ColumnType.scalar("double precision", "double precision", e("nan", "double precision", "NaN"),
                e("infinity", "double precision", "Infinity"), e("-infinity", "double precision", "-Infinity"),
                e("-zero", "double precision", "-0"), e("max", "double precision", "1.7976931348623157e308"),
                e("min-subnormal", "double precision", "4.9e-324"), e("min-normal", "double precision", "2.2250738585072014e-308"),
                e("one-tenth", "double precision", "0.1"), e("2^53+1", "double precision", "9007199254740993"),
                o("ordinary", "double precision", Gen::doubleText));
        ColumnType bool = ColumnType.scalar("boolean", "boolean", e("true", "boolean", "true"), e("false", "boolean", "false"));
        ColumnType text = ColumnType.scalar("text", "text", e("empty", "text", ""), e("u0001", "text", "\u0001"),
                e("astral", "text", "😀 \uD83D\uDE80"), e("quotes", "text", "\"'\\ {},"), e("null-word", "text", "NULL"),
                e("copy-null", "text", "\\N"), e("controls", "text", "\t\n\r\u0001\u007f"), e("spaces", "text", "  "),
                o("ordinary", "text", r -> Gen.text(r, 30)));
        ColumnType varchar = ColumnType.scalar("varchar(20)", "varchar(20)", e("full", "varchar(20)", "😀".repeat(20)),
                e("trailing-space", "varchar(20)", "a  "), o("ordinary", "varchar(20)", r -> Gen.text(r, 20)));
        ColumnType bpchar = ColumnType.scalar("char(5)", "char(5)", e("padded", "char(5)", "a"), e("empty", "char(5)", ""),
                e("astral", "char(5)", "😀😀😀😀😀"), o("ordinary", "char(5)", r -> Gen.text(r, 5)));
        ColumnType bytea = ColumnType.scalar("bytea", "bytea", e("empty", "bytea", "\\x"),
                e("all-bytes", "bytea", "\\x" + allBytesHex()), e("zero", "bytea", "\\x00"),
                o("ordinary", "bytea", r -> "\\x" + Gen.hex(r, 40)));
        ColumnType date = ColumnType.scalar("date", "date", e("infinity", "date", "infinity"), e("-infinity", "date", "-infinity"),
                e("bc", "date", "0001-01-01 BC"), e("bc-min", "date", "4713-01-01 BC"), e("year1", "date", "0001-01-01"),
                e("julian", "date", "1500-01-01"), e("cutover-before", "date", "1582-10-04"),
                e("cutover-gap", "date", "1582-10-10"), e("cutover-after", "date", "1582-10-15"),
                e("y9999", "date", "9999-12-31"), e("y10k", "date", "10000-01-01"), e("max", "date", "5874897-12-31"),
                e("leap", "date", "2000-02-29"), o("ordinary", "date", r -> Gen.date(r, 1900, 2100)));
        ColumnType time = ColumnType.scalar("time", "time", e("midnight", "time", "00:00:00"), e("24:00", "time", "24:00:00"),
                e("max-us", "time", "23:59:59.999999"), e("one-us", "time", "00:00:00.000001"),
                e("dst-gap", "time", "02:30:00"), o("ordinary-s", "time", r -> Gen.time(r, 0)),
                o("ordinary-us", "time", r -> Gen.time(r, 6)));
        ColumnType timetz = ColumnType.scalar("timetz", "timetz", e("24:00", "timetz", "24:00:00+00"),
                e("max-offset", "timetz", "12:34:56.789012+15:59"), e("min-offset", "timetz", "00:00:00-15:59"),
                e("odd-offset", "timetz", "10:00:00+05:45"),
                o("ordinary", "timetz", r -> Gen.time(r, 6) + (r.nextBoolean() ? "+" : "-") + String.format("%02d:%02d",
                        r.nextInt(15), r.nextInt(4) * 15)));
        ColumnType ts = ColumnType.scalar("timestamp", "timestamp", e("infinity", "timestamp", "infinity"),
                e("-infinity", "timestamp", "-infinity"), e("bc", "timestamp", "0001-12-31 23:59:59.999999 BC"),
                e("bc-min", "timestamp", "4713-01-01 00:00:00 BC"), e("julian", "timestamp", "1500-01-01 12:00:00"),
                e("cutover-before", "timestamp", "1582-10-04 23:59:59"), e("cutover-gap", "timestamp", "1582-10-10 00:00:00"),
                e("y9999", "timestamp", "9999-12-31 23:59:59.999999"), e("y10k", "timestamp", "10000-01-01 00:00:00"),
                e("max", "timestamp", "294276-12-31 23:59:59.999999"), e("dst-gap", "timestamp", "2026-03-29 02:30:00"),
                e("dst-overlap", "timestamp", "2026-10-25 02:30:00"), e("dst-gap-la", "timestamp", "2026-03-08 02:30:00.5"),
                e("lmt", "timestamp", "1890-01-01 00:00:00"),
                o("ordinary-us", "timestamp", r -> Gen.date(r, 1900, 2100) + " " + Gen.time(r, 6)),
                o("ordinary-s", "timestamp", r -> Gen.date(r, 1900, 2100) + " " + Gen.time(r, 0)));
        ColumnType tstz = ColumnType.scalar("timestamptz", "timestamptz", e("infinity", "timestamptz", "infinity"),
                e("-infinity", "timestamptz", "-infinity"), e("bc", "timestamptz", "0001-12-31 23:59:59.999999+00 BC"),
                e("julian", "timestamptz", "1500-01-01 00:00:00+00"), e("cutover-gap", "timestamptz", "1582-10-10 12:00:00+00"),
                e("y9999", "timestamptz", "9999-12-31 23:59:59.999999+00"), e("y10k", "timestamptz", "10000-01-01 00:00:00+00"),
                e("max", "timestamptz", "294276-12-30 23:59:59.999999+00"),
                e("dst-gap", "timestamptz", "2026-03-29 01:30:00+00"), e("lmt", "timestamptz", "1890-01-01 00:00:00+00"),
                e("odd-offset", "timestamptz", "2026-11-29 03:00:00.123456+05:45"),
                o("ordinary", "timestamptz", r -> Gen.date(r, 1900, 2100) + " " + Gen.time(r, 6) + "+00"));
        ColumnType interval = ColumnType.scalar("interval", "interval", e("mixed-sign", "interval", "-3 days -04:00:00"),
                e("all-fields", "interval", "1 year 2 mons 3 days 04:05:06.789"), e("zero", "interval", "0"),
                e("day-minus-second", "interval", "1 day -1 second"), e("month-plus-day", "interval", "-1 mon +1 day"),
                e("one-us", "interval", "00:00:00.000001"), e("max-years", "interval", "178000000 years"),
                e("min-years", "interval", "-178000000 years"),
                o("ordinary", "interval", r -> (r.nextInt(200) - 100) + " days " + (r.nextInt(48) - 24) + ":"
                        + String.format("%02d:%02d.%06d", r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000))),
                o("ordinary-mons", "interval", r -> (r.nextInt(40) - 20) + " mons " + (r.nextInt(60) - 30) + " days"));
        ColumnType uuid = ColumnType.scalar("uuid", "uuid", e("nil", "uuid", "00000000-0000-0000-0000-000000000000"),
                e("max", "uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff"), o("ordinary", "uuid", Gen::uuid));
        ColumnType json = ColumnType.scalar("json", "json", e("empty-object", "json", "{}"), e("null", "json", "null"),
                e("duplicate-keys", "json", "{\"a\": 1, \"a\": 2}"), e("whitespace", "json", "  { \"k\" :  [1 ,2] }  "),
                e("escapes", "json", "\"\\u0001 😀 \\\" \\\\\""), e("big-number", "json", "1e400"),
                o("ordinary", "json", Gen::json));
        ColumnType jsonb = ColumnType.scalar("jsonb", "jsonb", e("empty-array", "jsonb", "[]"),
                e("nested", "jsonb", "{\"a\": {\"b\": [null, true, 1.50]}}"), e("escapes", "jsonb", "\"\\u0001 😀\""),
                e("big-number", "jsonb", "123456789012345678901234567890.123456789"), o("ordinary", "jsonb", Gen::json));
        ColumnType inet = ColumnType.scalar("inet", "inet", e("v4-net", "inet", "10.0.0.1/24"), e("v6", "inet", "::1"),
                e("v4-mapped", "inet", "::ffff:1.2.3.4/128"),
                o("ordinary", "inet", r -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256)));
        ColumnType cidr = ColumnType.scalar("cidr", "cidr", e("v4", "cidr", "10.0.0.0/8"), e("v6", "cidr", "2001:db8::/32"));
        ColumnType macaddr = ColumnType.scalar("macaddr", "macaddr", e("mac", "macaddr", "08:00:2b:01:02:03"));
        ColumnType money = ColumnType.scalar("money", "money", e("min", "money", "-92233720368547758.08"),
                e("max", "money", "92233720368547758.07"), o("ordinary", "money", r -> Gen.decimal(r, 10, 2)));
        ColumnType bit = ColumnType.scalar("bit(8)", "bit(8)", e("bits", "bit(8)", "10101010"),
                o("ordinary", "bit(8)", r -> String.format("%8s", Integer.toBinaryString(r.nextInt(256))).replace(' ', '0')));
        ColumnType varbit = ColumnType.scalar("varbit", "varbit", e("empty", "varbit", ""), e("one", "varbit", "1"),
                o("ordinary", "varbit", r -> Integer.toBinaryString(r.nextInt(1 << 20))));
        ColumnType xml = ColumnType.scalar("xml", "xml", e("element", "xml", "<a x=\"1\">é 😀</a>"),
                e("content", "xml", "<!-- c --><b/>text"));
        ColumnType point = ColumnType.scalar("point", "point", e("non-finite", "point", "(NaN,Infinity)"),
                e("negative-zero", "point", "(-0,1.5)"),
                o("ordinary", "point", r -> "(" + Gen.doubleText(r) + "," + Gen.doubleText(r) + ")"));
        ColumnType mood = ColumnType.scalar("mood", "mood", e("empty-label", "mood", ""), e("space-label", "mood", " "),
                e("quote-label", "mood", "quo\"te's"), e("unicode-label", "mood", "ünï😀"),
                o("ordinary", "mood", r -> List.of("sad", "ok", "happy", "with space").get(r.nextInt(4))));
        ColumnType tsvector = ColumnType.scalar("tsvector", "tsvector", e("words", "tsvector", "a fat:1A cat:2B 'qu''ote'"),
                e("empty", "tsvector", ""));
        ColumnType int4range = ColumnType.scalar("int4range", "int4range", e("empty", "int4range", "empty"),
                e("unbounded", "int4range", "(,)"), o("ordinary", "int4range", r -> "[" + r.nextInt(100) + "," + (100 + r.nextInt(100)) + ")"));
        ColumnType daterange = ColumnType.scalar("daterange", "daterange",
                e("infinite", "daterange", "[2026-01-01,infinity)"), e("bc", "daterange", "[0001-01-01 BC,1500-01-01)"));
        ColumnType regclass = ColumnType.scalar("regclass", "regclass", e("table", "regclass", "diff"), e("zero-oid", "regclass", "-"));
        ColumnType regtype = ColumnType.scalar("regtype", "regtype", e("type", "regtype", "integer[]"),
                e("zero-oid", "regtype", "-"));
        ColumnType regproc = ColumnType.scalar("regproc", "regproc", e("proc", "regproc", "now"), e("zero-oid", "regproc", "-"));
        ColumnType oid = ColumnType.scalar("oid", "oid", e("max", "oid", "4294967295"), e("zero", "oid", "0"));

        List<ColumnType> all = new ArrayList<>(List.of(int2, int4, int8, numeric, numeric3810, real, dbl, bool, text, varchar,
                bpchar, bytea, date, time, timetz, ts, tstz, interval, uuid, json, jsonb, inet, cidr, macaddr, money, bit,
                varbit, xml, point, mood, tsvector, int4range, daterange, regclass, regtype, regproc, oid));
        ColumnType int4Array = arrayOf(int4,
                edge("lower-bound", cast("integer[]", "[0:2]={7,8,9}")).refusable(),
                edge("empty", cast("integer[]", "{}")));
        ColumnType textArray = arrayOf(text, edge("lower-bound", cast("text[]", "[-5:-4]={\"a\",NULL}")).refusable());
        ColumnType dateArray = arrayOf(date);
        all.addAll(List.of(arrayOf(int2), int4Array, arrayOf(int8), arrayOf(numeric), arrayOf(real), arrayOf(dbl),
                arrayOf(bool), textArray, arrayOf(varchar), arrayOf(bpchar), arrayOf(bytea), dateArray, arrayOf(time),
                arrayOf(timetz), arrayOf(ts), arrayOf(tstz), arrayOf(interval), arrayOf(uuid), arrayOf(json), arrayOf(jsonb),
                arrayOf(inet), arrayOf(money), arrayOf(varbit), arrayOf(point), arrayOf(mood), arrayOf(int4range),
                nested(arrayOf(int4)), nested(arrayOf(text)), nested(arrayOf(date)), nested(arrayOf(numeric))));
        return List.copyOf(all);
    }

    private static String allBytesHex() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            sb.append(String.format("%02x", i));
        }
        return sb.toString();
    }
}
