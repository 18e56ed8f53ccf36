package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.ValueType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything that differs between databases: how to open a consistent snapshot, how to quote and
 * qualify names, how native types map to format value types, and how values are read. Implementations
 * are stateless and thread-safe. Extend {@link io.github.dbbackup.jdbc.dialect.GenericDialect} rather
 * than implementing this from scratch.
 *
 * <p>Methods may throw {@link SQLException}; callers wrap it into
 * {@link io.github.dbbackup.core.BackupDatabaseException} with the SQLState.
 *
 * @since 0.1
 */
public interface Dialect {

    /**
     * Returns the dialect's name, recorded in the manifest ({@code PostgreSQL}, {@code MariaDB}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether this dialect fits the database.
     *
     * @param product what the driver reports
     * @return {@code true} to be chosen
     */
    boolean supports(DatabaseProduct product);

    /**
     * Quotes an identifier, escaping embedded quote characters.
     *
     * @param identifier the raw name
     * @return the quoted name
     */
    String quote(String identifier);

    /**
     * Returns the schema backed up when the host names none (PostgreSQL {@code public} or the
     * current schema, MariaDB the current database, H2 the current schema).
     *
     * @param connection an open connection
     * @return the schema name
     * @throws SQLException when the database fails
     */
    String defaultSchema(Connection connection) throws SQLException;

    /**
     * Returns whether the database calls its namespaces catalogs in {@link java.sql.DatabaseMetaData}
     * (MariaDB/MySQL databases), so introspection passes the schema as the catalog argument.
     *
     * @return {@code true} for catalog-as-schema databases
     */
    default boolean usesCatalogAsSchema() {
        return false;
    }

    /**
     * Starts one consistent, read-only snapshot on {@code connection}: after this call every query
     * on the connection sees the same point in time. Must leave auto-commit off.
     *
     * @param connection a fresh connection owned by dbbackup for the snapshot's lifetime
     * @throws SQLException when the database refuses
     */
    void beginSnapshot(Connection connection) throws SQLException;

    /**
     * Returns whether a {@code TABLE_TYPE} from {@link java.sql.DatabaseMetaData#getTables} denotes a
     * base table (never a view).
     *
     * @param tableType the reported type
     * @return {@code true} for base tables
     */
    default boolean isBaseTable(String tableType) {
        return "TABLE".equalsIgnoreCase(tableType) || "BASE TABLE".equalsIgnoreCase(tableType);
    }

    /**
     * Maps a column's reported type to its format encoding.
     *
     * @param jdbcType the {@link java.sql.Types} code
     * @param typeName the native type name
     * @param size the column size
     * @return the value type; for arrays use {@link #arrayElementType(String)} as well
     */
    ValueType valueType(int jdbcType, String typeName, int size);

    /**
     * Maps an array column's native type name to the encoding of its elements.
     *
     * @param arrayTypeName the native array type name ({@code _int4}, {@code INTEGER ARRAY})
     * @return the element value type, never {@link ValueType#ARRAY}
     */
    ValueType arrayElementType(String arrayTypeName);

    /**
     * Returns the FROM clause naming one table of the schema (PostgreSQL adds {@code ONLY} so that
     * inheritance children are not exported a second time through their parent).
     *
     * @param schema the schema
     * @param table the table
     * @return SQL text
     */
    String fromClause(String schema, String table);

    /**
     * Returns the select-list expression reading one column; e.g. a cast to text for values the
     * driver cannot represent otherwise.
     *
     * @param column the column
     * @return SQL text
     */
    default String selectExpression(ColumnSchema column) {
        return quote(column.name());
    }

    /**
     * Builds the query that streams the rows of one table.
     *
     * @param schema the schema
     * @param table the table
     * @param columns the columns, in output order
     * @param orderBy the columns to order by, empty for none
     * @param rowFilter a trusted SQL predicate, empty for none
     * @return the SQL
     */
    default String selectRows(String schema, String table, List<ColumnSchema> columns, List<String> orderBy,
            String rowFilter) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(selectExpression(columns.get(i)));
        }
        sql.append(" FROM ").append(fromClause(schema, table));
        if (!rowFilter.isBlank()) {
            sql.append(" WHERE (").append(rowFilter).append(')');
        }
        for (int i = 0; i < orderBy.size(); i++) {
            sql.append(i == 0 ? " ORDER BY " : ", ").append(quote(orderBy.get(i)));
        }
        return sql.toString();
    }

    /**
     * Returns the fetch size that makes the driver stream rows instead of loading the result.
     *
     * @return rows per round trip (default 1000)
     */
    default int fetchSize() {
        return 1000;
    }

    /**
     * Reads one value of the current row as the Java type its {@link ValueType} documents.
     *
     * @param rs the result set, on a row
     * @param index the 1-based column index
     * @param column the column
     * @return the value, {@code null} for SQL NULL
     * @throws SQLException when the driver fails
     */
    Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException;
}
