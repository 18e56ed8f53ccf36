package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.jdbc.dialect.GenericConstraintControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's constraint control: foreign keys bypassed with {@code foreign_key_checks = 0} for the
 * session; triggers cannot be switched off for one session, so they are reported.
 */
final class MariaDbConstraintControl extends GenericConstraintControl {

    MariaDbConstraintControl() {
        super("MariaDB");
    }

    @Override
    public List<CycleStrategy> bypassStrategies(Connection connection) {
        return List.of(CycleStrategy.FOREIGN_KEY_CHECKS_OFF);
    }

    @Override
    public List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException {
        if (strategy != CycleStrategy.FOREIGN_KEY_CHECKS_OFF) {
            return super.bypassForeignKeys(connection, strategy, schema, foreignKeys);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
        }
        return List.of("SET SESSION foreign_key_checks = 1");
    }

    /** MariaDB cannot switch triggers off for one session: every trigger of a restored table would fire. */
    @Override
    public List<String> triggersThatKeepFiring(Connection connection, String schema, String table) throws SQLException {
        List<String> triggers = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION"
                + " FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?"
                + " ORDER BY EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(1) + " (" + rs.getString(2) + " " + rs.getString(3) + ")");
                }
            }
        }
        return triggers;
    }

    @Override
    public String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.triggers"
                + " WHERE event_object_schema = ? AND event_object_table = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0 ? null : ""; // MariaDB cannot switch triggers off per session
            }
        }
    }
}
