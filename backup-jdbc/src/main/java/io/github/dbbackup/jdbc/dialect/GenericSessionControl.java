package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.jdbc.spi.SessionControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;

/**
 * The ANSI/JDBC sessions: a {@code REPEATABLE READ}, read-only transaction with auto-commit off for
 * a snapshot, which cannot be shared; a restore transaction with auto-commit off.
 *
 * @since 0.2
 */
public class GenericSessionControl implements SessionControl {

    private final String dialectName;

    /**
     * Creates the generic session control.
     *
     * @param dialectName the dialect's name, for messages
     */
    public GenericSessionControl(String dialectName) {
        this.dialectName = Objects.requireNonNull(dialectName, "dialectName");
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    /**
     * Refuses: the generic dialect exports no snapshot.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public void beginSharedSnapshot(Connection connection, String snapshotId) throws SQLException {
        throw new SQLFeatureNotSupportedException("dialect " + dialectName + " cannot share snapshots");
    }
}
