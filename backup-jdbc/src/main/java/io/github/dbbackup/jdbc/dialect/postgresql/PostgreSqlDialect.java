package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL (9.6 and later; tested on 15): snapshot {@code REPEATABLE READ, READ ONLY}; rows
 * streamed through a server-side cursor (auto-commit off plus fetch size); {@code FROM ONLY} so that
 * inheritance children and partitions are exported once, as themselves; {@code numeric} read as
 * text so {@code NaN} and {@code Infinity} survive; enums, domains, intervals, {@code inet},
 * {@code money}, {@code timetz} and other types read as their text form.
 *
 * @since 0.1
 */
public class PostgreSqlDialect extends GenericDialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("PostgreSQL");
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            String schema = rs.next() ? rs.getString(1) : null;
            return schema == null ? "public" : schema;
        }
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    public String fromClause(String schema, String table) {
        return "ONLY " + quote(schema) + "." + quote(table);
    }

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

    @Override
    public String selectExpression(ColumnSchema column) {
        if (column.valueType() == ValueType.OTHER || column.valueType() == ValueType.DECIMAL
                || column.valueType() == ValueType.ARRAY && column.elementType() == ValueType.OTHER) {
            // Text form: exact digits (and NaN/Infinity) for numeric; the canonical literal for the rest.
            String cast = column.valueType() == ValueType.ARRAY ? "::text[]" : "::text";
            return quote(column.name()) + cast;
        }
        return quote(column.name());
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.DECIMAL) {
            return rs.getString(index);
        }
        return super.readValue(rs, index, column);
    }
}
