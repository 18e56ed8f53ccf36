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
        StringBuilder message = new StringBuilder(what).append(" failed: ").append(shorten(e.getMessage()));
        java.util.Set<String> said = new java.util.HashSet<>();
        said.add(shorten(e.getMessage()));
        java.util.Set<SQLException> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(e);
        int chained = 0;
        for (SQLException next = e.getNextException(); next != null && seen.add(next); next = next.getNextException()) {
            String text = shorten(next.getMessage());
            if (said.add(text) && chained++ < MAX_CHAINED) {
                message.append(" / ").append(text);
            }
            if (root.getSQLState() == null && next.getSQLState() != null) {
                root = next;
            }
        }
        if (chained > MAX_CHAINED) {
            message.append(" / … ").append(chained - MAX_CHAINED).append(" more");
        }
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        message.append(" (SQLState ").append(state.isEmpty() ? "unknown" : state)
                .append(", vendor code ").append(root.getErrorCode()).append(')');
        return new BackupDatabaseException(message.toString(), state, root.getErrorCode(), e);
    }

    /** Batch failures repeat one error per row, and drivers quote whole multi-row statements: keep it readable. */
    private static final int MAX_CHAINED = 3;
    private static final int MAX_MESSAGE = 600;

    private static String shorten(String message) {
        String masked = JdbcUrls.maskSecrets(message).strip();
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }
}
