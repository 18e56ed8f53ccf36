package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.jdbc.spi.AccessChecks;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** MariaDB's access checks: each privilege probed with a statement that touches no row. */
final class MariaDbAccessChecks implements AccessChecks {

    private final SqlGeneration sql;

    MariaDbAccessChecks(SqlGeneration sql) {
        this.sql = sql;
    }

    /**
     * Asks the server itself: each privilege is probed with a statement that touches no row
     * ({@code WHERE 1 = 0}), which MariaDB checks like any other, whether the privilege comes from a
     * global, database, table, column or role grant. An error does not end the transaction.
     */
    @Override
    public java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missingPrivileges(Connection connection,
            String schema, String table, java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> privileges)
            throws SQLException {
        String qualified = sql.qualify(schema, table);
        java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missing = new java.util.TreeSet<>();
        for (io.github.dbbackup.core.spi.RestoreSession.TablePrivilege privilege : privileges) {
            String probe = switch (privilege) {
                case SELECT -> "SELECT 1 FROM " + qualified + " WHERE 1 = 0";
                case INSERT -> "INSERT INTO " + qualified + " SELECT * FROM " + qualified + " WHERE 1 = 0";
                case UPDATE -> "UPDATE " + qualified + " SET " + firstColumn(connection, schema, table) + " = "
                        + firstColumn(connection, schema, table) + " WHERE 1 = 0";
                case DELETE -> "DELETE FROM " + qualified + " WHERE 1 = 0";
            };
            try (Statement s = connection.createStatement()) {
                s.execute(probe);
            } catch (SQLException e) {
                if (e.getErrorCode() == 1142 || e.getErrorCode() == 1143) { // table / column access denied
                    missing.add(privilege);
                } else {
                    // The probe itself does not fit this table (e.g. generated columns): no verdict, the
                    // restore's own statement will tell.
                    org.slf4j.LoggerFactory.getLogger(MariaDbDialect.class).debug("Privilege probe on {} inconclusive: {}",
                            qualified, e.toString());
                }
            }
        }
        return missing;
    }

    private String firstColumn(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION LIMIT 1")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + schema + "." + table + " has no columns this role can see");
                }
                return sql.quote(rs.getString(1));
            }
        }
    }
}
