package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;

/**
 * MariaDB (10.3 and later; tested on 10.11) and MySQL (8): snapshot {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT, READ ONLY} at {@code REPEATABLE READ}; session time zone pinned to UTC so
 * {@code TIMESTAMP} values are read (and restored) without shifting; rows streamed with a fetch
 * size; the database is the schema (catalog in JDBC metadata); back-quoted identifiers.
 * {@code BOOLEAN}/{@code TINYINT(1)} are backed up as integers and {@code TIME} as text, because both
 * hold values that a Java boolean or {@code LocalTime} would lose.
 *
 * @since 0.1
 */
public class MariaDbDialect extends GenericDialect {

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        String name = product.name().toLowerCase(Locale.ROOT);
        return name.contains("mariadb") || name.contains("mysql");
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public boolean usesCatalogAsSchema() {
        return true;
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        String catalog = connection.getCatalog();
        if (catalog == null || catalog.isEmpty()) {
            throw new SQLException("the connection has no current database; put the database in the JDBC URL"
                    + " (jdbc:mariadb://host:3306/DATABASE) or name it with JdbcSource.builder(ds).schema(\"DATABASE\")");
        }
        return catalog;
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    @Override
    public boolean isBaseTable(String tableType) {
        return "TABLE".equalsIgnoreCase(tableType) || "BASE TABLE".equalsIgnoreCase(tableType);
    }

    @Override
    public String fromClause(String schema, String table) {
        return quote(schema) + "." + quote(table);
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
        if (type.equals("YEAR") || type.startsWith("GEOMETRY") || type.equals("INET4") || type.equals("INET6")) {
            return type.startsWith("GEOMETRY") ? ValueType.BINARY : ValueType.OTHER;
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

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.UUID) {
            return toUuid(rs.getString(index));
        }
        return super.readValue(rs, index, column);
    }
}
