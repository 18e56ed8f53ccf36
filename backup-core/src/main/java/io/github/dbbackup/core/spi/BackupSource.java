package io.github.dbbackup.core.spi;

/**
 * Where rows come from. The JDBC module's {@code JdbcSource} is the first implementation; nothing
 * in core assumes SQL. Implementations must be thread-safe; each snapshot is used by one thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface BackupSource {

    /**
     * Opens a consistent snapshot of the source.
     *
     * @return the snapshot; the caller must close it
     * @throws io.github.dbbackup.core.BackupException when the source cannot be reached
     */
    SourceSnapshot openSnapshot();
}
