package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericSqlGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * H2's SQL: tables with {@code ROW} columns refused before any row is read (ADR 0010); JSON written
 * with {@code ? FORMAT JSON}; {@code MERGE INTO … KEY (…)} for merges and
 * {@code OVERRIDING SYSTEM VALUE} for identity columns.
 */
final class H2SqlGeneration extends GenericSqlGeneration {

    H2SqlGeneration() {
        super("H2");
    }

    /**
     * Refuses, naming table, column and type, the columns whose values no restore could write back:
     * {@code ROW(...)} values (and arrays of them) have a text form but no way back into a column
     * from one bound parameter. Refused before any row is read, so an empty table is refused too
     * and the plan is fixed before a set is written that would fail the night it is restored.
     */
    @Override
    public String selectRows(String schema, String table, List<ColumnSchema> columns, List<String> orderBy,
            String rowFilter) {
        List<String> problems = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (isRow(column.typeName())) {
                problems.add("Column '" + table + "." + column.name() + "' has type " + column.typeName()
                        + ", which dbbackup cannot restore (an H2 ROW value cannot be written back from its text form);"
                        + " exclude the column from the plan (.table(TableSpec.of(\"" + table + "\").excludeColumns(\""
                        + column.name() + "\"))) or store its fields in columns of their own");
            }
        }
        if (!problems.isEmpty()) {
            throw new BackupConfigurationException("Table '" + table + "' has columns the backup cannot carry", problems);
        }
        return super.selectRows(schema, table, columns, orderBy, rowFilter);
    }

    private static boolean isRow(String typeName) {
        String type = typeName.toUpperCase(Locale.ROOT).trim();
        return type.startsWith("ROW(") || type.startsWith("ROW (");
    }

    @Override
    public String valueExpression(ColumnSchema column, String nativeType) {
        if (column.valueType() == ValueType.JSON) {
            return "? FORMAT JSON";
        }
        return "?";
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        if (mode == RestoreMode.UPSERT) {
            return "MERGE INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") KEY ("
                    + String.join(", ", primaryKey) + ") VALUES " + valuesRows(values, rows);
        }
        return "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ")"
                + (hasIdentity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES " + valuesRows(values, rows);
    }
}
