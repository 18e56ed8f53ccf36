package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.jdbc.dialect.GenericConstraintControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** H2's constraint control: triggers cannot be switched off, so a table that has some reports them. */
final class H2ConstraintControl extends GenericConstraintControl {

    H2ConstraintControl() {
        super("H2");
    }

    @Override
    public String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0 ? null : ""; // H2 cannot switch triggers off
            }
        }
    }
}
