package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.spi.RestoreSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * What the connection's role may not do on a restore's tables, read before anything is written:
 * missing table privileges, and row-level security that applies to it. A facet of {@link Dialect};
 * stateless and thread-safe. The defaults know nothing (the database reports a refusal when writing).
 *
 * @since 0.2
 */
public interface AccessChecks {

    /**
     * Returns which of {@code privileges} the connection's role lacks on a table.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param privileges the privileges a restore step needs
     * @return the missing ones; empty by default (unknown: the database reports them when writing)
     * @throws SQLException when the database fails
     */
    default Set<RestoreSession.TablePrivilege> missingPrivileges(Connection connection, String schema, String table,
            Set<RestoreSession.TablePrivilege> privileges) throws SQLException {
        return Set.of();
    }

    /**
     * Returns whether row-level security applies to the connection's role on a table (then a bulk
     * loader such as {@code COPY FROM} cannot write it, and counts see only what policies show).
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return {@code true} when policies apply; {@code false} by default
     * @throws SQLException when the database fails
     */
    default boolean isRowSecurityActive(Connection connection, String schema, String table) throws SQLException {
        return false;
    }
}
