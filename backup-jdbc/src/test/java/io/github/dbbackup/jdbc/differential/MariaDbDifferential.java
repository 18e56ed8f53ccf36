package io.github.dbbackup.jdbc.differential;

import static io.github.dbbackup.jdbc.differential.ValueClass.edge;
import static io.github.dbbackup.jdbc.differential.ValueClass.ordinary;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * MariaDB for the differential suite: every integer width signed and unsigned, DECIMAL(65,30),
 * FLOAT/DOUBLE extremes, BIT, text and binary types, dates from year 1 to 9999 with zero dates and
 * zero-in-date values, TIME beyond 24 hours, DATETIME/TIMESTAMP with µs, YEAR, ENUM (empty label
 * and the error value), SET, JSON, UUID, INET4/INET6 and every spatial type with SRIDs. Values print
 * as {@code CAST(col AS CHAR)}, binary as {@code HEX}, spatial as {@code ST_SRID:ST_AsText},
 * ENUM/SET as {@code index:label}, under {@code time_zone = '+00:00'}.
 *
 * @since 0.1
 */
public final class MariaDbDifferential extends DifferentialDialect {

    private final List<ColumnType> types = buildTypes();

    /** Creates the dialect. */
    public MariaDbDifferential() {
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    public List<String> setup() {
        return List.of();
    }

    @Override
    public List<ColumnType> types() {
        return types;
    }

    @Override
    public Map<String, String> knownBroken() {
        return KnownBroken.MARIADB;
    }

    @Override
    public String print(String quotedColumn, ColumnType type) {
        return "CAST(" + quotedColumn + " AS CHAR)";
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier + "`";
    }

    @Override
    public List<String> canonicalSession() {
        // a non-strict sql_mode lets the generator write zero dates, zero-in-date values and the enum error value
        return List.of("SET time_zone = '+00:00'", "SET sql_mode = 'NO_BACKSLASH_ESCAPES'");
    }

    @Override
    public List<SessionVariant> sessionVariants() {
        return List.of(SessionVariant.DEFAULT, new SessionVariant("time_zone=-08:00/ANSI_QUOTES,NO_BACKSLASH_ESCAPES",
                List.of(), List.of("SET time_zone = '-08:00'",
                        "SET sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'")));
    }

    @Override
    public List<RestorePath> restorePaths() {
        return List.of(RestorePath.INSERT, RestorePath.UPSERT);
    }

    private static ValueClass e(String name, String text) {
        return edge(name, literal(text));
    }

    private static ValueClass o(String name, Function<Random, String> text) {
        return ordinary(name, r -> literal(text.apply(r)));
    }

    private static ValueClass geo(String name, String wkt, int srid) {
        return edge(name, "ST_GeomFromText(" + literal(wkt) + ", " + srid + ")");
    }

    private static List<ColumnType> buildTypes() {
        String hex = "HEX(%s)";
        String indexed = "CONCAT(%1$s + 0, ':', %1$s)";
        String spatial = "CONCAT(ST_SRID(%1$s), ':', ST_AsText(%1$s))";
        return List.of(
                ColumnType.scalar("tinyint", "tinyint", e("min", "-128"), e("max", "127"), o("ordinary", r -> "" + (r.nextInt(256) - 128))),
                ColumnType.scalar("tinyint unsigned", "tinyint unsigned", e("max", "255"), e("zero", "0")),
                ColumnType.scalar("smallint", "smallint", e("min", "-32768"), e("max", "32767")),
                ColumnType.scalar("mediumint", "mediumint", e("min", "-8388608"), e("max", "8388607")),
                ColumnType.scalar("int", "int", e("min", "-2147483648"), e("max", "2147483647"), o("ordinary", r -> "" + r.nextInt())),
                ColumnType.scalar("int unsigned", "int unsigned", e("max", "4294967295")),
                ColumnType.scalar("bigint", "bigint", e("min", "-9223372036854775808"), e("max", "9223372036854775807"),
                        o("ordinary", r -> "" + r.nextLong())),
                ColumnType.scalar("bigint unsigned", "bigint unsigned", e("max", "18446744073709551615"),
                        e("above-long", "9223372036854775808"), o("ordinary", r -> Long.toUnsignedString(r.nextLong()))),
                ColumnType.scalar("decimal(65,30)", "decimal(65,30)", e("max", "9".repeat(35) + "." + "9".repeat(30)),
                        e("min", "-" + "9".repeat(35) + "." + "9".repeat(30)), e("epsilon", "0." + "0".repeat(29) + "1"),
                        o("ordinary", r -> Gen.decimal(r, 35, 30))),
                ColumnType.scalar("decimal(10,0)", "decimal(10,0)", e("max", "9999999999"), o("ordinary", r -> Gen.decimal(r, 10, 0))),
                ColumnType.scalar("float", "float", e("max", "3.40282e38"), e("-zero", "-0"), e("min-normal", "1.17549e-38"),
                        e("one-tenth", "0.1"), o("ordinary", r -> Gen.floatText(r))),
                ColumnType.scalar("double", "double", e("max", "1.7976931348623157e308"), e("-zero", "-0"),
                        e("min-normal", "2.2250738585072014e-308"), e("one-tenth", "0.1"), e("2^53+1", "9007199254740993"),
                        o("ordinary", Gen::doubleText)),
                ColumnType.scalar("bit(1)", "bit(1)", edge("one", "b'1'"), edge("zero", "b'0'")).printedAs(hex),
                ColumnType.scalar("bit(64)", "bit(64)", edge("all-ones", "b'" + "1".repeat(64) + "'"), edge("zero", "b'0'"),
                        ordinary("ordinary", r -> "b'" + Long.toBinaryString(r.nextLong()) + "'")).printedAs(hex),
                ColumnType.scalar("boolean", "boolean", e("true", "1"), e("false", "0"), e("two", "2"), e("minus-one", "-1")),
                ColumnType.scalar("char(10)", "char(10)", e("empty", ""), e("astral", "😀😀"), e("u0001", "\u0001"),
                        o("ordinary", r -> Gen.text(r, 10))),
                ColumnType.scalar("varchar(255)", "varchar(255)", e("empty", ""), e("trailing-space", "a  "),
                        e("backslash", "\\ \\N \\0"), e("quotes", "'\"`"), e("u0001", "\u0001"), e("astral", "😀 \uD83D\uDE80"),
                        o("ordinary", r -> Gen.text(r, 60))),
                ColumnType.scalar("text", "text", e("controls", "\t\n\r\u0001\u007f"), o("ordinary", r -> Gen.text(r, 200))),
                ColumnType.scalar("mediumtext", "mediumtext", e("long", "x".repeat(70_000)), o("ordinary", r -> Gen.text(r, 30))),
                ColumnType.scalar("binary(4)", "binary(4)", edge("zeros", "X'00'"), edge("full", "X'FFFEFD00'"))
                        .printedAs(hex),
                ColumnType.scalar("varbinary(300)", "varbinary(300)", edge("empty", "X''"), edge("all-bytes", "X'" + allBytesHex() + "'"),
                        ordinary("ordinary", r -> "X'" + Gen.hex(r, 50) + "'")).printedAs(hex),
                ColumnType.scalar("blob", "blob", edge("zero", "X'00'"), ordinary("ordinary", r -> "X'" + Gen.hex(r, 200) + "'"))
                        .printedAs(hex),
                ColumnType.scalar("date", "date", e("zero-date", "0000-00-00"), e("zero-in-date", "2024-00-15").refusable(),
                        e("zero-day", "2024-02-00").refusable(), e("year1", "0001-01-01"), e("min", "1000-01-01"),
                        e("julian", "1500-01-01"), e("cutover-gap", "1582-10-10"), e("cutover-before", "1582-10-04"),
                        e("max", "9999-12-31"), e("leap", "2000-02-29"), o("ordinary", r -> Gen.date(r, 1900, 2100))),
                ColumnType.scalar("time(6)", "time(6)", e("min", "-838:59:59.000000"), e("max", "838:59:59.000000"),
                        e("24:00", "24:00:00"), e("negative", "-00:00:01.5"), e("max-us", "23:59:59.999999"),
                        e("one-us", "00:00:00.000001"), o("ordinary-us", r -> Gen.time(r, 6)), o("ordinary-s", r -> Gen.time(r, 0))),
                ColumnType.scalar("datetime(6)", "datetime(6)", e("zero-date", "0000-00-00 00:00:00"),
                        e("zero-in-date", "2024-00-15 10:00:00").refusable(), e("year1", "0001-01-01 00:00:00.000001"),
                        e("julian", "1500-01-01 00:00:00"), e("cutover-gap", "1582-10-10 12:00:00"),
                        e("max", "9999-12-31 23:59:59.999999"), e("dst-gap", "2026-03-29 02:30:00"),
                        e("dst-overlap", "2026-10-25 02:30:00"), e("dst-gap-la", "2026-03-08 02:30:00.5"),
                        o("ordinary-us", r -> Gen.date(r, 1900, 2100) + " " + Gen.time(r, 6))),
                ColumnType.scalar("timestamp(6)", "timestamp(6) NULL", e("zero", "0000-00-00 00:00:00"),
                        e("min", "1970-01-01 00:00:01"), e("max", "2038-01-19 03:14:07.999999"),
                        e("dst-gap-berlin", "2026-03-29 01:30:00"),
                        o("ordinary-us", r -> Gen.date(r, 1971, 2037) + " " + Gen.time(r, 6))),
                ColumnType.scalar("year", "year", e("min", "1901"), e("max", "2155"), e("zero", "0000")),
                ColumnType.scalar("enum", "enum('sad','ok','happy','','with space')", e("empty-label", ""), e("space-label", "with space"),
                        e("error-value", "no such label").refusable(), o("ordinary", r -> List.of("sad", "ok", "happy").get(r.nextInt(3))))
                        .printedAs(indexed),
                ColumnType.scalar("set", "set('x','y','z')", e("empty", ""), e("two", "x,z"), e("all", "x,y,z")).printedAs(indexed),
                ColumnType.scalar("json", "json", e("empty-object", "{}"), e("escapes", "{\"s\": \"\\u0001 😀 \\\"\"}"),
                        e("big-number", "1e400"), o("ordinary", Gen::json)),
                ColumnType.scalar("uuid", "uuid", e("nil", "00000000-0000-0000-0000-000000000000"),
                        e("max", "ffffffff-ffff-ffff-ffff-ffffffffffff"), o("ordinary", Gen::uuid)),
                ColumnType.scalar("inet6", "inet6", e("loopback", "::1"), e("v4-mapped", "::ffff:1.2.3.4")),
                ColumnType.scalar("inet4", "inet4", e("max", "255.255.255.255"), e("zero", "0.0.0.0")),
                ColumnType.scalar("geometry", "geometry", geo("point-srid", "POINT(1 2)", 4326),
                        geo("linestring", "LINESTRING(0.5 0.5,100 200)", 0), geo("empty-collection", "GEOMETRYCOLLECTION EMPTY", 0))
                        .printedAs(spatial),
                ColumnType.scalar("point", "point", geo("point", "POINT(-0.5 1e-300)", 0), geo("srid", "POINT(10 20)", 3857))
                        .printedAs(spatial),
                ColumnType.scalar("linestring", "linestring", geo("line", "LINESTRING(0.5 0.5,100 200)", 0)).printedAs(spatial),
                ColumnType.scalar("polygon", "polygon", geo("square", "POLYGON((0 0,1 0,1 1,0 1,0 0))", 0)).printedAs(spatial),
                ColumnType.scalar("multipoint", "multipoint", geo("two", "MULTIPOINT(1 1,2 2)", 0)).printedAs(spatial),
                ColumnType.scalar("multilinestring", "multilinestring", geo("two", "MULTILINESTRING((0 0,1 1),(2 2,3 3))", 0))
                        .printedAs(spatial),
                ColumnType.scalar("multipolygon", "multipolygon", geo("one", "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))", 0))
                        .printedAs(spatial),
                ColumnType.scalar("geometrycollection", "geometrycollection",
                        geo("mixed", "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))", 0)).printedAs(spatial));
    }

    private static String allBytesHex() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            sb.append(String.format("%02X", i));
        }
        return sb.toString();
    }
}
