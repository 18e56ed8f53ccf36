package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.restore.CycleStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How a restore gets past constraints and triggers inside its transaction: which foreign keys can be
 * deferred to commit, the database's mechanisms to bypass foreign keys for NOT NULL cycles (and
 * which of them this role may use), and switching off user triggers. A facet of {@link Dialect};
 * stateless and thread-safe. Statements that undo a bypass are returned, never run here.
 *
 * @since 0.2
 */
public interface ConstraintControl {

    /**
     * Returns whether a foreign key is deferrable.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the referencing table
     * @param fk the foreign key
     * @return {@code true} when it can be deferred to commit; {@code false} by default
     * @throws SQLException when the database fails
     */
    default boolean isDeferrable(Connection connection, String schema, String table, ForeignKey fk) throws SQLException {
        return false;
    }

    /**
     * Defers deferrable constraints to commit.
     *
     * @param connection the connection
     * @throws SQLException when the database refuses, or cannot defer constraints
     */
    void deferConstraints(Connection connection) throws SQLException;

    /**
     * Returns the ways this role may bypass foreign keys for NOT NULL cycles, in preference order.
     *
     * @param connection the connection
     * @return strategies, empty when none (the default)
     * @throws SQLException when the database fails
     */
    default List<CycleStrategy> bypassStrategies(Connection connection) throws SQLException {
        return List.of();
    }

    /**
     * Returns the ways this role may bypass the foreign keys of {@code tables}: {@link #bypassStrategies(Connection)}
     * without those that need privileges the role lacks on them.
     *
     * @param connection the connection
     * @param schema the schema
     * @param tables the referencing tables
     * @return strategies, empty when none
     * @throws SQLException when the database fails
     */
    default List<CycleStrategy> bypassStrategies(Connection connection, String schema, List<String> tables)
            throws SQLException {
        return bypassStrategies(connection);
    }

    /**
     * Stops enforcing foreign keys with {@code strategy} inside the transaction.
     *
     * @param connection the connection
     * @param strategy one of {@link #bypassStrategies}
     * @param schema the schema
     * @param foreignKeys the foreign keys by referencing table
     * @return statements that undo the bypass at the end of the restore, in order
     * @throws SQLException when the database refuses, or has no such mechanism
     */
    List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException;

    /**
     * Keeps user triggers of a table from firing for the rest of the transaction.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return the statement that re-enables them, or {@code null} when they could not be disabled
     *     and the table has triggers; an empty string when the table has none (the default)
     * @throws SQLException when the database fails
     */
    default String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        return "";
    }

    /**
     * Returns the user triggers of a table that this database cannot keep from firing in a restore
     * session, each as {@code name (TIMING EVENT)}; the preflight refuses them when triggers are to be
     * kept from firing. Empty by default (triggers are switched off by {@link #disableTriggers}, or the
     * dialect reports them there).
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return trigger descriptions, empty when none
     * @throws SQLException when the database fails
     */
    default List<String> triggersThatKeepFiring(Connection connection, String schema, String table) throws SQLException {
        return List.of();
    }
}
