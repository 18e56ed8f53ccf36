package io.github.dbbackup.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An operation started and knows what it will go through.
 *
 * @param operation the operation
 * @param backupId the set written, restored or verified
 * @param at when it started, by the operation's clock
 * @param tables how many tables it will go through
 * @param expectedRows the rows it expects in all: exact for restore and verify (from the manifest),
 *     the database's estimate for a backup; {@code -1} when unknown
 * @param exact whether {@code expectedRows} is exact rather than an estimate
 * @since 0.2
 */
public record OperationStarted(Operation operation, String backupId, Instant at, int tables, long expectedRows,
        boolean exact) {

    /** Checks the components. */
    public OperationStarted {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(at, "at");
    }
}
