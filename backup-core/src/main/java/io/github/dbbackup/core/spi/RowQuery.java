package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.TableSchema;
import java.util.List;
import java.util.Objects;

/**
 * What to read from one table.
 *
 * @param table the table as the snapshot described it
 * @param columns the columns to select, in output order (excluded columns are never here)
 * @param orderBy the columns to order by (the primary key), empty for no particular order
 * @param rowFilter a trusted SQL predicate, empty for all rows
 * @since 0.1
 */
public record RowQuery(TableSchema table, List<ColumnSchema> columns, List<String> orderBy, String rowFilter) {

    /** Checks the components. */
    public RowQuery {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowFilter, "rowFilter");
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row query of table '" + table.name() + "' needs at least one column");
        }
    }
}
