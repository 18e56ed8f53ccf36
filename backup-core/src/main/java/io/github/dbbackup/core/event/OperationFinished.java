package io.github.dbbackup.core.event;

import java.time.Duration;
import java.util.Objects;

/**
 * An operation succeeded: the backup's manifest is committed, the restore's transaction committed,
 * the verification passed.
 *
 * @param operation the operation
 * @param backupId the set
 * @param took how long it took, by the operation's clock
 * @param tables the tables it went through
 * @param rows the rows it went through
 * @param bytes the stored bytes of the parts it wrote or read
 * @since 0.2
 */
public record OperationFinished(Operation operation, String backupId, Duration took, int tables, long rows,
        long bytes) {

    /** Checks the components. */
    public OperationFinished {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(took, "took");
    }
}
