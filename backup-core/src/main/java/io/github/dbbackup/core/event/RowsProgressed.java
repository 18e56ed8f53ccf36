package io.github.dbbackup.core.event;

import java.util.Objects;

/**
 * More rows of a table were read (backup, verify) or written (restore). Sent every
 * {@link ProgressListener#ROWS_INTERVAL} rows of a table or range, not per row.
 *
 * @param operation the operation
 * @param backupId the set
 * @param table the table's name
 * @param rows rows of this table done since the last event for it (a delta: with a table split over
 *     several connections, events of its ranges interleave)
 * @since 0.2
 */
public record RowsProgressed(Operation operation, String backupId, String table, long rows) {

    /** Checks the components. */
    public RowsProgressed {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(table, "table");
    }
}
