package io.github.dbbackup.core.manifest;

import io.github.dbbackup.core.plan.ExcludedColumn;
import java.util.List;
import java.util.Objects;

/**
 * A table as a backup set holds it.
 *
 * @param schema the table with the columns that were backed up (excluded columns are not here),
 *     its primary key and foreign keys
 * @param excludedColumns the columns left out, with their restore placeholders
 * @param rowFilter the predicate that selected the rows, empty when all rows were backed up
 * @param rows the number of rows backed up
 * @param bytes the stored size of the table's parts
 * @since 0.1
 */
public record BackedUpTable(TableSchema schema, List<ExcludedColumn> excludedColumns, String rowFilter, long rows, long bytes) {

    /** Checks the components. */
    public BackedUpTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rowFilter, "rowFilter");
        excludedColumns = List.copyOf(excludedColumns);
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("table '" + schema.name() + "': rows and bytes must not be negative");
        }
    }

    /**
     * Returns the table name.
     *
     * @return the name
     */
    public String name() {
        return schema.name();
    }
}
