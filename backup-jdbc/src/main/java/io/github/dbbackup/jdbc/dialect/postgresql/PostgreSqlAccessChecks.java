package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.jdbc.spi.AccessChecks;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** PostgreSQL's access checks: {@code has_table_privilege} and {@code row_security_active}. */
final class PostgreSqlAccessChecks implements AccessChecks {

    private final SqlGeneration sql;

    PostgreSqlAccessChecks(SqlGeneration sql) {
        this.sql = sql;
    }

    @Override
    public java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missingPrivileges(Connection connection,
            String schema, String table, java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> privileges)
            throws SQLException {
        java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missing = new java.util.TreeSet<>();
        for (io.github.dbbackup.core.spi.RestoreSession.TablePrivilege privilege : privileges) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT has_table_privilege(CAST(? AS regclass), ?)")) {
                ps.setString(1, sql.qualify(schema, table));
                ps.setString(2, privilege.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(1)) {
                        missing.add(privilege);
                    }
                }
            }
        }
        return missing;
    }

    @Override
    public boolean isRowSecurityActive(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT row_security_active(CAST(? AS regclass))")) {
            ps.setString(1, sql.qualify(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
