package io.github.dbbackup.core.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A base table: its columns in database order, primary key and foreign keys.
 *
 * @param name the table name as the database spells it (unqualified; the schema is the source's)
 * @param columns the columns, in the database's ordinal order
 * @param primaryKey the primary key columns in key order, empty when the table has none
 * @param foreignKeys the foreign keys of this table
 * @since 0.1
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {

    /** Checks the components. */
    public TableSchema {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' must have at least one column");
        }
    }

    /**
     * Finds a column by exact name.
     *
     * @param columnName the name
     * @return the column, empty when the table has no such column
     */
    public Optional<ColumnSchema> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * Returns the column names in order.
     *
     * @return the names
     */
    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }
}
