package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a restore moves the sequences, identities and auto-increments that feed restored ids past
 * their maxima, and which of them the role may not move. Both methods find a column's sequences the
 * same way, so a dialect implements them together. A facet of {@link Dialect}; stateless and
 * thread-safe. The defaults move nothing.
 *
 * @since 0.2
 */
public interface SequenceControl {

    /**
     * Moves the sequences, identities and auto-increments that feed a table's columns past their
     * maxima.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param columns the table's columns
     * @param afterCommit collects statements that must run after commit (DDL that would commit the
     *     transaction early)
     * @return one description per sequence; empty by default
     * @throws SQLException when the database fails
     */
    default List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        return List.of();
    }

    /**
     * Returns the sequences feeding {@code columns} that the role may not move with
     * {@link #resetSequences}.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param columns its columns
     * @return one description per sequence ({@code "users.id: sequence public.users_id_seq"}); empty by default
     * @throws SQLException when the database fails
     */
    default List<String> sequencesThatCannotBeMoved(Connection connection, String schema, String table,
            List<ColumnSchema> columns) throws SQLException {
        return List.of();
    }
}
