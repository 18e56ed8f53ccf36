package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericSchemaIntrospection;
import io.github.dbbackup.jdbc.spi.ReferencingKey;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB's catalog: databases are the schemas (JDBC catalogs); row estimates, system-versioned
 * tables' history, period columns and foreign keys of other databases from
 * {@code information_schema}.
 */
final class MariaDbSchemaIntrospection extends GenericSchemaIntrospection {

    private final SqlGeneration sql;

    MariaDbSchemaIntrospection(SqlGeneration sql) {
        this.sql = sql;
    }

    @Override
    public boolean usesCatalogAsSchema() {
        return true;
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        String catalog = connection.getCatalog();
        if (catalog == null || catalog.isEmpty()) {
            throw new SQLException("the connection has no current database; put the database in the JDBC URL"
                    + " (jdbc:mariadb://host:3306/DATABASE) or name it with JdbcSource.builder(ds).schema(\"DATABASE\")");
        }
        return catalog;
    }

    /** {@code information_schema.TABLES.TABLE_ROWS}: InnoDB's estimate. */
    @Override
    public long estimatedRows(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                long rows = rs.getLong(1);
                return rs.wasNull() ? -1 : rows;
            }
        }
    }

    /**
     * The history rows of each system-versioned table: a backup reads the current rows only (a plain
     * {@code SELECT}), so the history is recorded as not carried, named {@code "<table> (history)"}.
     * Carrying it would need {@code FOR SYSTEM_TIME ALL} on backup and, on restore, writing the
     * period columns under {@code system_versioning_insert_history} (MariaDB 10.11+); see
     * docs/decisions/0012.
     */
    @Override
    public List<ExcludedTable> objectsNotCarried(Connection connection, String schema) throws SQLException {
        List<ExcludedTable> history = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SYSTEM VERSIONED' ORDER BY TABLE_NAME")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    history.add(new ExcludedTable(table + MariaDbDialect.HISTORY_SUFFIX,
                            "history rows of system-versioned table '" + table + "': only its current rows are backed up,"
                                    + " and a restore starts its history anew",
                            "Keep the history of " + sql.quote(table) + " elsewhere (e.g. a physical backup) if it must"
                                    + " survive"));
                }
            }
        }
        return history;
    }

    /**
     * The {@code ROW START}/{@code ROW END} columns of a system-versioned table: written as backed up when
     * the session may insert history ({@code system_versioning_insert_history}, MariaDB 10.11+), except
     * under UPSERT, where MariaDB refuses them for rows that exist; otherwise the database sets them.
     */
    @Override
    public Set<String> unwritableColumns(Connection connection, String schema, String table, RestoreMode mode)
            throws SQLException {
        Set<String> period = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND GENERATION_EXPRESSION IN ('ROW START', 'ROW END')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    period.add(rs.getString(1));
                }
            }
        }
        if (period.isEmpty() || mode != RestoreMode.UPSERT && insertsHistory(connection)) {
            return Set.of();
        }
        return period;
    }

    private static boolean insertsHistory(Connection connection) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@SESSION.system_versioning_insert_history")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException unknownVariable) {
            return false; // before MariaDB 10.11, or MySQL
        }
    }

    /** Foreign keys of every other database of the server that reference {@code tables}. */
    @Override
    public List<ReferencingKey> referencingKeysFromOtherSchemas(Connection connection, String schema, List<String> tables)
            throws SQLException {
        Map<List<String>, List<String[]>> byKey = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME,"
                + " COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE REFERENCED_TABLE_SCHEMA = ? AND TABLE_SCHEMA <> ?"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (tables.contains(rs.getString(5))) {
                        byKey.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5)),
                                k -> new ArrayList<>()).add(new String[] {rs.getString(4), rs.getString(6)});
                    }
                }
            }
        }
        List<ReferencingKey> keys = new ArrayList<>();
        byKey.forEach((k, cols) -> keys.add(new ReferencingKey(k.get(0), k.get(1), new ForeignKey(k.get(2),
                cols.stream().map(c -> c[0]).toList(), k.get(3), cols.stream().map(c -> c[1]).toList()))));
        return keys;
    }
}
