package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericSqlGeneration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's SQL: {@code FROM ONLY}; text casts in the select list for values read from their text
 * form; {@code CAST(? AS type)} for values restored from it; {@code OVERRIDING SYSTEM VALUE} and
 * {@code ON CONFLICT … DO UPDATE} for inserts and merges.
 */
final class PostgreSqlSqlGeneration extends GenericSqlGeneration {

    PostgreSqlSqlGeneration() {
        super("PostgreSQL");
    }

    @Override
    public String fromClause(String schema, String table) {
        return "ONLY " + quote(schema) + "." + quote(table);
    }

    /**
     * Text forms: exact digits (and NaN/±Infinity) for {@code numeric}; the canonical literal for
     * {@code OTHER}; and every array as the text of its elements' text forms ({@code ::text[]::text}),
     * parsed here rather than by the driver: that keeps BC and pre-Gregorian dates, years past 9999,
     * infinity, {@code 24:00:00} and microseconds of temporal elements (which {@code java.sql} types
     * lose or shift by the JVM zone), NaN/±Infinity of {@code numeric} elements, and shows the array's
     * lower bounds, which format 1 cannot record (refused by {@link PostgreSqlTypeMapping#readValue}).
     */
    @Override
    public String selectExpression(ColumnSchema column) {
        return switch (column.valueType()) {
            case OTHER, DECIMAL -> quote(column.name()) + "::text";
            case ARRAY -> quote(column.name()) + "::text[]::text";
            default -> quote(column.name());
        };
    }

    @Override
    public String valueExpression(ColumnSchema column, String nativeType) {
        return switch (column.valueType()) {
            case OTHER, JSON, DECIMAL, ARRAY -> "CAST(? AS " + (nativeType != null ? nativeType : quote(column.typeName())) + ")";
            default -> "?";
        };
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        // OVERRIDING SYSTEM VALUE keeps explicit ids in GENERATED ALWAYS identity columns (harmless elsewhere).
        String insert = "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") OVERRIDING SYSTEM VALUE"
                + " VALUES " + valuesRows(values, rows);
        if (mode != RestoreMode.UPSERT) {
            return insert;
        }
        List<String> set = new ArrayList<>();
        for (String column : columns) {
            if (!primaryKey.contains(column)) {
                set.add(column + " = EXCLUDED." + column);
            }
        }
        return insert + " ON CONFLICT (" + String.join(", ", primaryKey) + ") DO "
                + (set.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", set));
    }
}
