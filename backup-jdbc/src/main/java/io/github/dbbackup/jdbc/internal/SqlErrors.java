package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.BackupDatabaseException;
import java.sql.SQLException;

/** Wraps {@link SQLException}s into {@link BackupDatabaseException}s, keeping SQLState and vendor code. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * Wraps a JDBC failure. The message names what failed, the database's own message (following
     * {@code getNextException()}, where batch failures hide the real error), SQLState and code.
     *
     * @param what what was being done ("Reading table 'users'"), with what to do next if known
     * @param e the failure
     * @return the exception to throw
     */
    public static BackupDatabaseException wrap(String what, SQLException e) {
        SQLException root = e;
        StringBuilder message = new StringBuilder(what).append(" failed: ").append(JdbcUrls.maskSecrets(e.getMessage()));
        SQLException next = e.getNextException();
        while (next != null && next != root) {
            message.append(" / ").append(JdbcUrls.maskSecrets(next.getMessage()));
            if (root.getSQLState() == null && next.getSQLState() != null) {
                root = next;
            }
            next = next.getNextException();
        }
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        message.append(" (SQLState ").append(state.isEmpty() ? "unknown" : state)
                .append(", vendor code ").append(root.getErrorCode()).append(')');
        return new BackupDatabaseException(message.toString(), state, root.getErrorCode(), e);
    }
}
