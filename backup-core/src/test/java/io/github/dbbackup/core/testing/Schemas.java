package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.manifest.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Terse factories for table schemas in tests, with plausible JDBC codes and type names. */
public final class Schemas {

    /** A table with a column of every value type (see {@link #everyTypeRow(long)}). */
    public static final TableSchema EVERY_TYPE = tableWithId("every_type",
            column("b", ValueType.BOOLEAN), column("i", ValueType.INTEGER), column("d", ValueType.DECIMAL),
            column("f", ValueType.FLOAT), column("s", ValueType.STRING), column("bin", ValueType.BINARY),
            column("dt", ValueType.DATE), column("tm", ValueType.TIME), column("ts", ValueType.TIMESTAMP),
            column("tstz", ValueType.TIMESTAMP_TZ), column("u", ValueType.UUID), column("j", ValueType.JSON),
            column("o", ValueType.OTHER), array("arr", ValueType.INTEGER));

    private Schemas() {
    }

    /**
     * A row of {@link #EVERY_TYPE} with edge values (unsigned 64-bit maximum, NaN, -0.0, a five-digit
     * year, all 256 byte values, non-BMP text, a nested array with a null), in the Java types the
     * reader decodes to.
     *
     * @param id the row's id; odd and even ids differ in several columns
     * @return the row
     */
    public static Map<String, Object> everyTypeRow(long id) {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i + id);
        }
        return FakeBackupSource.row("id", id, "b", id % 2 == 0,
                "i", id == 1 ? new BigInteger("18446744073709551615") : Long.MIN_VALUE,
                "d", new BigDecimal("1234567890123456789012345678.0123456789"), "f", id == 1 ? Double.NaN : -0.0d,
                "s", "quote \" é 😀 \n", "bin", bytes, "dt", LocalDate.of(10000, 1, 1),
                "tm", LocalTime.of(3, 0, 0, 123_456_000), "ts", LocalDateTime.of(1, 1, 1, 0, 0, 0, 1_000),
                "tstz", OffsetDateTime.of(2026, 11, 29, 3, 0, 0, 0, ZoneOffset.ofHoursMinutes(-9, -30)),
                "u", new UUID(id, -id), "j", "{\"a\":[1,\"\\\"\"]}", "o", "1 day 02:00:00",
                "arr", new ArrayList<>(Arrays.asList(new ArrayList<>(Arrays.asList(1L, null)), new ArrayList<>(List.of(3L)))));
    }

    /**
     * A nullable column of {@code type}.
     *
     * @param name the name
     * @param type the value type (not {@link ValueType#ARRAY}; see {@link #array})
     * @return the column
     */
    public static ColumnSchema column(String name, ValueType type) {
        return column(name, type, true);
    }

    /**
     * A column of {@code type}.
     *
     * @param name the name
     * @param type the value type (not {@link ValueType#ARRAY}; see {@link #array})
     * @param nullable whether NULL is allowed
     * @return the column
     */
    public static ColumnSchema column(String name, ValueType type, boolean nullable) {
        return ColumnSchema.of(name, jdbcType(type), typeName(type), type, nullable);
    }

    /**
     * A NOT NULL column of {@code type}.
     *
     * @param name the name
     * @param type the value type
     * @return the column
     */
    public static ColumnSchema notNull(String name, ValueType type) {
        return column(name, type, false);
    }

    /**
     * A nullable array column.
     *
     * @param name the name
     * @param elementType the element type
     * @return the column
     */
    public static ColumnSchema array(String name, ValueType elementType) {
        return new ColumnSchema(name, Types.ARRAY, "_" + typeName(elementType), ValueType.ARRAY, elementType, true, 0, 0,
                false, false, null);
    }

    /**
     * A table.
     *
     * @param name the name
     * @param primaryKey the primary key columns, empty for none
     * @param columns the columns
     * @return the table, without foreign keys
     */
    public static TableSchema table(String name, List<String> primaryKey, ColumnSchema... columns) {
        return new TableSchema(name, List.of(columns), primaryKey, List.of());
    }

    /**
     * A table with a single-column primary key {@code id} (INTEGER, NOT NULL) followed by {@code columns}.
     *
     * @param name the name
     * @param columns the other columns
     * @return the table
     */
    public static TableSchema tableWithId(String name, ColumnSchema... columns) {
        ColumnSchema[] all = new ColumnSchema[columns.length + 1];
        all[0] = notNull("id", ValueType.INTEGER);
        System.arraycopy(columns, 0, all, 1, columns.length);
        return table(name, List.of("id"), all);
    }

    /**
     * Returns {@code table} with foreign keys added.
     *
     * @param table the table
     * @param fks the foreign keys
     * @return a new schema
     */
    public static TableSchema withForeignKeys(TableSchema table, ForeignKey... fks) {
        return new TableSchema(table.name(), table.columns(), table.primaryKey(),
                java.util.stream.Stream.concat(table.foreignKeys().stream(), java.util.stream.Stream.of(fks)).toList());
    }

    /**
     * A single-column foreign key named {@code fk_<column>}.
     *
     * @param column the referencing column
     * @param referencedTable the referenced table
     * @param referencedColumn the referenced column
     * @return the foreign key
     */
    public static ForeignKey fk(String column, String referencedTable, String referencedColumn) {
        return new ForeignKey("fk_" + column, List.of(column), referencedTable, List.of(referencedColumn));
    }

    private static int jdbcType(ValueType type) {
        return switch (type) {
            case BOOLEAN -> Types.BOOLEAN;
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.NUMERIC;
            case FLOAT -> Types.DOUBLE;
            case STRING -> Types.VARCHAR;
            case BINARY -> Types.VARBINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case UUID, JSON, OTHER -> Types.OTHER;
            case ARRAY -> Types.ARRAY;
        };
    }

    private static String typeName(ValueType type) {
        return switch (type) {
            case BOOLEAN -> "bool";
            case INTEGER -> "int8";
            case DECIMAL -> "numeric";
            case FLOAT -> "float8";
            case STRING -> "text";
            case BINARY -> "bytea";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_TZ -> "timestamptz";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case ARRAY -> "_text";
            case OTHER -> "interval";
        };
    }
}
