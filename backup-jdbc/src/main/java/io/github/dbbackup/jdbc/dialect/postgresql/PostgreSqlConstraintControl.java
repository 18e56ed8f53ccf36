package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.jdbc.dialect.GenericConstraintControl;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's constraint control: deferrable foreign keys deferred with {@code SET CONSTRAINTS ALL
 * DEFERRED}; foreign keys bypassed with {@code session_replication_role = replica} (superuser) or
 * dropped and re-added (the tables' owner); user triggers disabled per table when the role owns it.
 */
final class PostgreSqlConstraintControl extends GenericConstraintControl {

    private final SqlGeneration sql;

    PostgreSqlConstraintControl(SqlGeneration sql) {
        super("PostgreSQL");
        this.sql = sql;
    }

    @Override
    public boolean isDeferrable(Connection connection, String schema, String table, ForeignKey fk) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT condeferrable FROM pg_constraint WHERE conrelid = CAST(? AS regclass) AND conname = ?")) {
            ps.setString(1, sql.qualify(schema, table));
            ps.setString(2, fk.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void deferConstraints(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET CONSTRAINTS ALL DEFERRED");
        }
    }

    @Override
    public List<CycleStrategy> bypassStrategies(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            boolean superuser = rs.next() && rs.getBoolean(1);
            return superuser ? List.of(CycleStrategy.REPLICATION_ROLE, CycleStrategy.DROP_AND_RECREATE)
                    : List.of(CycleStrategy.DROP_AND_RECREATE);
        }
    }

    @Override
    public List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException {
        List<String> undo = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            if (strategy == CycleStrategy.REPLICATION_ROLE) {
                s.execute("SET LOCAL session_replication_role = replica");
                undo.add("SET LOCAL session_replication_role = origin");
                return undo;
            }
            if (strategy != CycleStrategy.DROP_AND_RECREATE) {
                return super.bypassForeignKeys(connection, strategy, schema, foreignKeys);
            }
            for (Map.Entry<String, List<ForeignKey>> e : foreignKeys.entrySet()) {
                String table = sql.qualify(schema, e.getKey());
                for (ForeignKey fk : e.getValue()) {
                    String definition;
                    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_constraintdef(oid) FROM"
                            + " pg_constraint WHERE conrelid = CAST(? AS regclass) AND conname = ?")) {
                        ps.setString(1, table);
                        ps.setString(2, fk.name());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new SQLException("foreign key " + fk.name() + " of " + table + " not found");
                            }
                            definition = rs.getString(1);
                        }
                    }
                    s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + sql.quote(fk.name()));
                    undo.add("ALTER TABLE " + table + " ADD CONSTRAINT " + sql.quote(fk.name()) + " " + definition);
                }
            }
        }
        return undo;
    }

    @Override
    public String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        String qualified = sql.qualify(schema, table);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST(? AS regclass) AND NOT tgisinternal")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 0) {
                    return "";
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + qualified + " DISABLE TRIGGER USER");
            connection.releaseSavepoint(savepoint);
            return "ALTER TABLE " + qualified + " ENABLE TRIGGER USER";
        } catch (SQLException notOwner) {
            connection.rollback(savepoint);
            return null;
        }
    }

    /** Dropping and re-adding a foreign key needs ownership of its table (membership in the owning role). */
    @Override
    public List<CycleStrategy> bypassStrategies(Connection connection, String schema, List<String> tables)
            throws SQLException {
        List<CycleStrategy> strategies = new ArrayList<>(bypassStrategies(connection));
        if (strategies.contains(CycleStrategy.DROP_AND_RECREATE) && !strategies.contains(CycleStrategy.REPLICATION_ROLE)) {
            for (String table : tables) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_has_role(c.relowner, 'USAGE') FROM"
                        + " pg_class c WHERE c.oid = CAST(? AS regclass)")) {
                    ps.setString(1, sql.qualify(schema, table));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && !rs.getBoolean(1)) {
                            strategies.remove(CycleStrategy.DROP_AND_RECREATE);
                        }
                    }
                }
            }
        }
        return strategies;
    }
}
