package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.jdbc.spi.ConstraintControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ANSI/JDBC constraint control: no deferrable foreign keys, no bypass mechanism, no triggers
 * switched off. The base of every built-in dialect's constraint control.
 *
 * @since 0.2
 */
public class GenericConstraintControl implements ConstraintControl {

    private final String dialectName;

    /**
     * Creates the generic constraint control.
     *
     * @param dialectName the dialect's name, for messages
     */
    public GenericConstraintControl(String dialectName) {
        this.dialectName = Objects.requireNonNull(dialectName, "dialectName");
    }

    /**
     * Refuses: the generic dialect cannot defer constraints.
     *
     * @throws SQLException always
     */
    @Override
    public void deferConstraints(Connection connection) throws SQLException {
        throw new SQLException("dialect " + dialectName + " cannot defer constraints");
    }

    /**
     * Refuses: the generic dialect has no bypass mechanism (a subclass calls this for a strategy it
     * does not know).
     *
     * @throws SQLException always
     */
    @Override
    public List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException {
        throw new SQLException("dialect " + dialectName + " cannot bypass foreign keys with " + strategy);
    }
}
