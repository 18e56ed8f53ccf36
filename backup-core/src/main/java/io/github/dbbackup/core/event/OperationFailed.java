package io.github.dbbackup.core.event;

import java.time.Duration;
import java.util.Objects;

/**
 * An operation failed. For a backup nothing of the set looks complete; for a restore the target is
 * unchanged; for a verification the set has problems (or could not be read).
 *
 * @param operation the operation
 * @param backupId the set
 * @param took how long it ran, by the operation's clock
 * @param reason a short, stable reason for grouping failures (e.g. the exception's simple class name,
 *     such as {@code SchemaMismatchException}, or {@code VerificationProblems})
 * @param message what went wrong, as the thrown exception or the result says it (never row values or
 *     credentials)
 * @since 0.2
 */
public record OperationFailed(Operation operation, String backupId, Duration took, String reason, String message) {

    /** Checks the components. */
    public OperationFailed {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
