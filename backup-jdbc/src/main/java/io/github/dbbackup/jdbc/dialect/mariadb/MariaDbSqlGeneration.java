package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericSqlGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MariaDB's SQL: back-quoted identifiers, {@code `database`.`table`}, dates and ENUMs selected as the
 * server prints them, and {@code ON DUPLICATE KEY UPDATE} for merges.
 */
final class MariaDbSqlGeneration extends GenericSqlGeneration {

    MariaDbSqlGeneration() {
        super("MariaDB");
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String fromClause(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /**
     * Reads dates and timestamps as the server prints them ({@code CAST(… AS CHAR)}, in the UTC session zone),
     * and ENUM values with their index, which tells the error value {@code ''} (index 0) from a member {@code ''}.
     */
    @Override
    public String selectExpression(ColumnSchema column) {
        String name = quote(column.name());
        if (column.valueType() == ValueType.OTHER && MariaDbTypeMapping.isDateOrTimestamp(column.typeName().toUpperCase(Locale.ROOT))) {
            return "CAST(" + name + " AS CHAR)";
        }
        if (column.valueType() == ValueType.STRING && MariaDbTypeMapping.isEnum(column)) {
            return "CONCAT(CAST(" + name + " + 0 AS CHAR), ':', " + name + ")";
        }
        return name;
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        String insert = "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") VALUES "
                + valuesRows(values, rows);
        if (mode != RestoreMode.UPSERT) {
            return insert;
        }
        List<String> set = new ArrayList<>();
        for (String column : columns) {
            if (!primaryKey.contains(column)) {
                set.add(column + " = VALUES(" + column + ")");
            }
        }
        if (set.isEmpty()) {
            set.add(primaryKey.get(0) + " = " + primaryKey.get(0));
        }
        return insert + " ON DUPLICATE KEY UPDATE " + String.join(", ", set);
    }
}
