package io.github.dbbackup.core.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key from one table to another (or to itself), recorded in the manifest and used to
 * compute the restore order.
 *
 * @param name the constraint name, empty when the database reports none
 * @param columns the referencing columns, in key order
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in key order
 * @since 0.1
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {

    /** Checks the components. */
    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedTable, "referencedTable");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key '" + name + "' has " + columns.size()
                    + " columns referencing " + referencedColumns.size() + "; they must be equal and non-zero");
        }
    }
}
