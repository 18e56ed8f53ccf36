package io.github.dbbackup.core.event;

import java.util.Objects;

/**
 * An operation started a table (with several connections, several tables run at once; a split table
 * starts once).
 *
 * @param operation the operation
 * @param backupId the set
 * @param table the table's name
 * @param expectedRows its rows: exact for restore and verify, the database's estimate for a backup;
 *     {@code -1} when unknown
 * @since 0.2
 */
public record TableStarted(Operation operation, String backupId, String table, long expectedRows) {

    /** Checks the components. */
    public TableStarted {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(table, "table");
    }
}
