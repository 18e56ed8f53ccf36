package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.TableSchema;
import java.util.List;
import java.util.Objects;

/**
 * What to read from one table.
 *
 * @param table the table as the snapshot described it
 * @param columns the columns to select, in output order (excluded columns are never here)
 * @param orderBy the columns to order by (the primary key), empty for no particular order
 * @param rowFilter a trusted SQL predicate, empty for all rows
 * @param range the slice of the table's integer key to read, {@code null} for the whole table (since 0.2)
 * @since 0.1
 */
public record RowQuery(TableSchema table, List<ColumnSchema> columns, List<String> orderBy, String rowFilter,
        KeyRange range) {

    /**
     * A query of the whole table.
     *
     * @param table the table as the snapshot described it
     * @param columns the columns to select, in output order
     * @param orderBy the columns to order by, empty for no particular order
     * @param rowFilter a trusted SQL predicate, empty for all rows
     */
    public RowQuery(TableSchema table, List<ColumnSchema> columns, List<String> orderBy, String rowFilter) {
        this(table, columns, orderBy, rowFilter, null);
    }

    /** Checks the components. */
    public RowQuery {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowFilter, "rowFilter");
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row query of table '" + table.name() + "' needs at least one column");
        }
        if (range != null && table.column(range.column()).isEmpty()) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no key column '" + range.column() + "'");
        }
    }
}
