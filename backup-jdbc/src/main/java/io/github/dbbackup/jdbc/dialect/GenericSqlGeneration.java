package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.util.List;
import java.util.Objects;

/**
 * The ANSI SQL text: double-quoted identifiers, {@code "schema"."table"}, and a multi-row
 * {@code INSERT … VALUES}; no merge, so UPSERT is refused. The base of every built-in dialect's SQL.
 *
 * @since 0.2
 */
public class GenericSqlGeneration implements SqlGeneration {

    private final String dialectName;

    /**
     * Creates the generic SQL generation.
     *
     * @param dialectName the dialect's name, for messages
     */
    public GenericSqlGeneration(String dialectName) {
        this.dialectName = Objects.requireNonNull(dialectName, "dialectName");
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String fromClause(String schema, String table) {
        return schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /**
     * Builds {@code INSERT INTO t (c…) VALUES (…), (…)}.
     *
     * @throws UnsupportedOperationException for UPSERT, which the generic dialect cannot merge
     */
    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        if (mode == RestoreMode.UPSERT) {
            throw new UnsupportedOperationException("dialect " + dialectName + " cannot UPSERT; use EMPTY_ONLY or REPLACE");
        }
        return "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") VALUES " + valuesRows(values, rows);
    }

    /**
     * Returns {@code (v1, v2), (v1, v2), …} with {@code rows} tuples.
     *
     * @param values the value expressions of one row
     * @param rows the number of rows
     * @return SQL text
     */
    protected static String valuesRows(List<String> values, int rows) {
        String tuple = "(" + String.join(", ", values) + ")";
        StringBuilder sb = new StringBuilder(rows * (tuple.length() + 2));
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sb.toString();
    }
}
