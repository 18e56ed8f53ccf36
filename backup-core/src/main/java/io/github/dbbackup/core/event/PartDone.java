package io.github.dbbackup.core.event;

import io.github.dbbackup.core.manifest.PartInfo;
import java.util.Objects;

/**
 * A part is done: written and checksummed (backup), or read to its end and its size and SHA-256
 * checked (restore, verify).
 *
 * @param operation the operation
 * @param backupId the set
 * @param table the table the part belongs to
 * @param part the part: key, rows, stored bytes and SHA-256
 * @since 0.2
 */
public record PartDone(Operation operation, String backupId, String table, PartInfo part) {

    /** Checks the components. */
    public PartDone {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(part, "part");
    }
}
