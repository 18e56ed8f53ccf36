package io.github.dbbackup.jdbc.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How a connection starts a session: one consistent, read-only snapshot for a backup (isolation
 * level, session settings that change text forms), a snapshot shared by the connections of a
 * parallel export, or a restore transaction. A facet of {@link Dialect}; stateless and thread-safe.
 *
 * @since 0.2
 */
public interface SessionControl {

    /**
     * Starts one consistent, read-only snapshot on {@code connection}: after this call every query
     * on the connection sees the same point in time. Must leave auto-commit off.
     *
     * @param connection a fresh connection owned by dbbackup for the snapshot's lifetime
     * @throws SQLException when the database refuses
     */
    void beginSnapshot(Connection connection) throws SQLException;

    /**
     * Exports the snapshot that {@link #beginSnapshot} started, so that other connections can read
     * the same point in time (PostgreSQL: {@code pg_export_snapshot()}). Optional capability: the
     * default returns empty, and parallel export from this database is then refused unless the user
     * accepts an inconsistent set.
     *
     * @param connection the connection in its snapshot transaction
     * @return the snapshot's identifier, empty when the database cannot share a snapshot
     * @throws SQLException when the database refuses
     */
    default Optional<String> exportSnapshot(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Starts, on a fresh connection, a read-only transaction in the snapshot another connection
     * exported (PostgreSQL: {@code SET TRANSACTION SNAPSHOT}). Called only with an identifier that
     * {@link #exportSnapshot} returned, while the exporting transaction is still open.
     *
     * @param connection a fresh connection owned by dbbackup for the snapshot's lifetime
     * @param snapshotId the exported snapshot
     * @throws SQLException when the database refuses, or cannot share snapshots
     *     ({@link java.sql.SQLFeatureNotSupportedException})
     */
    void beginSharedSnapshot(Connection connection, String snapshotId) throws SQLException;

    /**
     * Returns the fetch size that makes the driver stream rows instead of loading the result.
     *
     * @return rows per round trip (default 1000)
     */
    default int fetchSize() {
        return 1000;
    }

    /**
     * Prepares a connection for a restore transaction (auto-commit off, session settings such as a
     * UTC time zone).
     *
     * @param connection a fresh connection owned by dbbackup for the restore
     * @throws SQLException when the database refuses
     */
    default void beginRestore(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }
}
