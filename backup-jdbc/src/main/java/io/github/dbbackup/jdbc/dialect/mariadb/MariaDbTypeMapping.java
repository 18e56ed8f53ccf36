package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericTypeMapping;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * MariaDB's types: {@code BOOLEAN}/{@code TINYINT(1)} as integers; {@code TIME}, {@code DATE},
 * {@code DATETIME}, {@code TIMESTAMP}, {@code YEAR} and {@code INET4/6} as the server's text; spatial
 * types as their binary form; ENUM values read with their index
 * ({@link MariaDbSqlGeneration#selectExpression}); UUIDs bound as text.
 */
final class MariaDbTypeMapping extends GenericTypeMapping {

    private final SqlGeneration sql;

    MariaDbTypeMapping(SqlGeneration sql) {
        this.sql = sql;
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toUpperCase(Locale.ROOT);
        if (type.equals("JSON")) {
            return ValueType.JSON;
        }
        if (type.equals("UUID")) {
            return ValueType.UUID;
        }
        if (SPATIAL.contains(type)) {
            // MariaDB's own binary form (4-byte SRID + WKB): the bytes restore exactly, SRID included.
            return ValueType.BINARY;
        }
        if (type.equals("YEAR") || type.equals("INET4") || type.equals("INET6") || isDateOrTimestamp(type)) {
            // DATE, DATETIME and TIMESTAMP hold zero dates ('0000-00-00'), zero-in-date values ('2024-00-15')
            // and, under ALLOW_INVALID_DATES, '2024-02-31': none fits java.time, so the text form is kept.
            return ValueType.OTHER;
        }
        if (jdbcType == Types.BOOLEAN || type.startsWith("TINYINT")) {
            // BOOLEAN is TINYINT(1), which holds -128..127: an integer keeps every value.
            return ValueType.INTEGER;
        }
        if (jdbcType == Types.TIME) {
            // TIME spans -838:59:59..838:59:59, beyond java.time.LocalTime: keep the text form.
            return ValueType.OTHER;
        }
        return super.valueType(jdbcType, typeName, size);
    }

    /** The spatial column types, as the driver names them; every one holds MariaDB's geometry bytes. */
    private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");

    static boolean isDateOrTimestamp(String type) {
        return type.equals("DATE") || type.startsWith("DATETIME") || type.startsWith("TIMESTAMP");
    }

    static boolean isEnum(ColumnSchema column) {
        return column.typeName().toUpperCase(Locale.ROOT).startsWith("ENUM");
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.UUID) {
            return toUuid(rs.getString(index));
        }
        if (column.valueType() == ValueType.STRING && isEnum(column)) {
            String indexAndValue = rs.getString(index);
            if (indexAndValue == null) {
                return null;
            }
            int colon = indexAndValue.indexOf(':');
            if (indexAndValue.substring(0, colon).equals("0")) {
                throw new SQLException("a row holds the ENUM error value '' (index 0), which MariaDB stores only when a"
                        + " session without strict mode writes a value that is not a member; a strict restore cannot"
                        + " write it back, so the backup refuses it. Replace it with a member or NULL first, e.g. UPDATE"
                        + " <table> SET " + sql.quote(column.name()) + " = NULL WHERE " + sql.quote(column.name()) + " = 0", "22000");
            }
            return indexAndValue.substring(colon + 1);
        }
        return super.readValue(rs, index, column);
    }

    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof UUID uuid) {
            ps.setString(index, uuid.toString());
        } else {
            super.bind(ps, index, column, value, valueExpression);
        }
    }
}
