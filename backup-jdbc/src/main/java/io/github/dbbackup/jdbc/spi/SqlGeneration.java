package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.restore.RestoreMode;
import java.util.List;

/**
 * The SQL text a backup and a restore run: quoted and qualified names, the FROM clause and select
 * list that read a table, the placeholders and the INSERT (or merge) that write one. Pure functions
 * of their arguments: no method touches a connection. A facet of {@link Dialect}; stateless and
 * thread-safe.
 *
 * @since 0.2
 */
public interface SqlGeneration {

    /**
     * Quotes an identifier, escaping embedded quote characters.
     *
     * @param identifier the raw name
     * @return the quoted name
     */
    String quote(String identifier);

    /**
     * Returns a table's name qualified by its schema, quoted, for DML.
     *
     * @param schema the schema, empty for none
     * @param table the table
     * @return SQL text
     */
    default String qualify(String schema, String table) {
        return schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

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
     * driver cannot represent otherwise ({@link TypeMapping#readValue} reads what it selects).
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
     * Returns the placeholder expression for a value written into {@code column}: {@code ?}, or a
     * cast such as {@code CAST(? AS mood)} for values restored from their text form
     * ({@link TypeMapping#bind} then binds the text).
     *
     * @param column the target column
     * @param nativeType its full native type from {@link SchemaIntrospection#nativeTypes}, or {@code null}
     * @return SQL text with exactly one {@code ?}
     */
    default String valueExpression(ColumnSchema column, String nativeType) {
        return "?";
    }

    /**
     * Builds the INSERT (or, for UPSERT, the merge) of {@code rows} rows in one statement.
     *
     * @param qualifiedTable the quoted, qualified table
     * @param columns the quoted column names
     * @param values the value expressions of one row, aligned with {@code columns}
     * @param rows how many rows the statement inserts (the VALUES list repeats {@code values})
     * @param mode the restore mode
     * @param primaryKey the quoted primary key columns (UPSERT merges on them)
     * @param hasIdentity whether the table has an identity/auto-increment column given explicit values
     * @return the SQL
     * @throws UnsupportedOperationException when the dialect cannot merge (UPSERT)
     */
    String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity);
}
