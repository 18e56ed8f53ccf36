package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * H2 2.x: snapshot at {@code REPEATABLE READ} (MVStore keeps a consistent view per transaction);
 * {@code UUID}, {@code JSON}, {@code ENUM}, intervals and typed arrays ({@code INTEGER ARRAY}) mapped
 * from their type names.
 *
 * @since 0.1
 */
public class H2Dialect extends GenericDialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("H2");
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toUpperCase(Locale.ROOT);
        if (type.endsWith(" ARRAY")) {
            return ValueType.ARRAY;
        }
        return switch (type) {
            case "UUID" -> ValueType.UUID;
            case "JSON" -> ValueType.JSON;
            case "TIMESTAMP WITH TIME ZONE" -> ValueType.TIMESTAMP_TZ;
            case "TIME WITH TIME ZONE", "GEOMETRY" -> ValueType.OTHER;
            default -> type.startsWith("INTERVAL") || type.startsWith("ENUM") ? ValueType.OTHER : super.valueType(jdbcType, typeName, size);
        };
    }

    @Override
    public ValueType arrayElementType(String arrayTypeName) {
        String element = arrayTypeName.toUpperCase(Locale.ROOT).replaceFirst(" ARRAY$", "")
                .replaceAll("\\(.*?\\)", "").trim();
        ValueType type = switch (element) {
            case "BOOLEAN" -> ValueType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> ValueType.INTEGER;
            case "NUMERIC", "DECIMAL", "DECFLOAT" -> ValueType.DECIMAL;
            case "REAL", "DOUBLE PRECISION", "FLOAT" -> ValueType.FLOAT;
            case "CHARACTER VARYING", "VARCHAR", "CHARACTER", "CHAR", "VARCHAR_IGNORECASE", "CHARACTER LARGE OBJECT" ->
                    ValueType.STRING;
            case "BINARY VARYING", "VARBINARY", "BINARY", "BINARY LARGE OBJECT" -> ValueType.BINARY;
            case "DATE" -> ValueType.DATE;
            case "TIME" -> ValueType.TIME;
            case "TIMESTAMP" -> ValueType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> ValueType.TIMESTAMP_TZ;
            case "UUID" -> ValueType.UUID;
            case "JSON" -> ValueType.JSON;
            default -> ValueType.OTHER;
        };
        return type;
    }
}
