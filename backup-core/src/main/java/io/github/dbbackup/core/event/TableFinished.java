package io.github.dbbackup.core.event;

import java.util.Objects;

/**
 * An operation finished a table.
 *
 * @param operation the operation
 * @param backupId the set
 * @param table the table's name
 * @param rows the table's rows
 * @param bytes the stored bytes of its parts
 * @since 0.2
 */
public record TableFinished(Operation operation, String backupId, String table, long rows, long bytes) {

    /** Checks the components. */
    public TableFinished {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(table, "table");
    }
}
