package io.github.dbbackup.core.spi;

/**
 * Where a restore writes. The JDBC module's {@code JdbcTarget} is the first implementation.
 * Implementations must be thread-safe; each session is used by one thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RestoreTarget {

    /**
     * Opens a session: one connection in one transaction that nothing is committed in until
     * {@link RestoreSession#commit()}.
     *
     * @return the session; the caller must close it (closing without commit rolls back)
     * @throws io.github.dbbackup.core.BackupException when the target cannot be reached
     */
    RestoreSession open();
}
