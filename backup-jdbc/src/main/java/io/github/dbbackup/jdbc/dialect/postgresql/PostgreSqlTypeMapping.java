package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericTypeMapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's types: mapped from their names; {@code numeric} and arrays read from the text that
 * {@link PostgreSqlSqlGeneration#selectExpression} selects; values written through a cast
 * ({@link PostgreSqlSqlGeneration#valueExpression}) sent as PostgreSQL's own input text.
 */
final class PostgreSqlTypeMapping extends GenericTypeMapping {

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toLowerCase(Locale.ROOT);
        if (type.startsWith("_")) {
            return ValueType.ARRAY;
        }
        return switch (type) {
            case "bool" -> ValueType.BOOLEAN;
            case "int2", "int4", "int8", "smallserial", "serial", "bigserial", "oid" -> ValueType.INTEGER;
            case "numeric" -> ValueType.DECIMAL;
            case "float4", "float8" -> ValueType.FLOAT;
            case "text", "varchar", "bpchar", "char", "name", "citext" -> ValueType.STRING;
            case "bytea" -> ValueType.BINARY;
            case "date" -> ValueType.DATE;
            case "time" -> ValueType.TIME;
            case "timestamp" -> ValueType.TIMESTAMP;
            case "timestamptz" -> ValueType.TIMESTAMP_TZ;
            case "uuid" -> ValueType.UUID;
            case "json", "jsonb" -> ValueType.JSON;
            default -> ValueType.OTHER; // enums, domains, interval, inet, money, bit, timetz, xml, tsvector, ...
        };
    }

    @Override
    public ValueType arrayElementType(String arrayTypeName) {
        String element = arrayTypeName.startsWith("_") ? arrayTypeName.substring(1) : arrayTypeName;
        ValueType type = valueType(0, element, 0);
        return type == ValueType.ARRAY ? ValueType.OTHER : type;
    }

    /**
     * Reads {@code numeric} as its text; arrays from their text form (see {@link PostgreSqlSqlGeneration#selectExpression}).
     *
     * @throws java.sql.SQLFeatureNotSupportedException (SQLState 0A000) for an array whose lower bound
     *     is not 1, which format 1 cannot record
     */
    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.DECIMAL) {
            return rs.getString(index);
        }
        if (column.valueType() == ValueType.ARRAY) {
            String literal = rs.getString(index);
            return literal == null ? null : PostgreSqlText.array(literal, column.elementType(),
                    "_float4".equalsIgnoreCase(column.typeName()));
        }
        return super.readValue(rs, index, column);
    }

    /**
     * Binds a value; one restored through a cast ({@link PostgreSqlSqlGeneration#valueExpression}) is sent as text of
     * unspecified type, so that PostgreSQL reads it with the type's input function, as COPY does, and
     * not through a cast from {@code text}: {@code text::regclass} rejects {@code -} (oid 0), which
     * {@code regclass}'s input function reads.
     */
    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof String text && "?".equals(valueExpression) && isDateOrTime(column.valueType())) {
            // A date or time another database backed up as its text form (MariaDB records them as OTHER):
            // sent untyped, so the server parses it as the column's type instead of refusing a varchar.
            ps.setObject(index, text, Types.OTHER);
        } else if (value == null || "?".equals(valueExpression)) {
            super.bind(ps, index, column, value, valueExpression);
        } else {
            ps.setObject(index, value instanceof List<?> list ? PostgreSqlText.arrayLiteral(list, column) : PostgreSqlText.input(value),
                    Types.OTHER);
        }
    }

    private static boolean isDateOrTime(ValueType type) {
        return type == ValueType.DATE || type == ValueType.TIME || type == ValueType.TIMESTAMP
                || type == ValueType.TIMESTAMP_TZ;
    }
}
