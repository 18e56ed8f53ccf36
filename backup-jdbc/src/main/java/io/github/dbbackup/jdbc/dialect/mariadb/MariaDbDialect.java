package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB (10.3 and later; tested on 10.11) and MySQL (8): snapshot {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT, READ ONLY} at {@code REPEATABLE READ}; session time zone pinned to UTC so
 * {@code TIMESTAMP} values are read (and restored) without shifting; rows streamed with a fetch
 * size; the database is the schema (catalog in JDBC metadata); back-quoted identifiers.
 * {@code BOOLEAN}/{@code TINYINT(1)} are backed up as integers and {@code TIME}, {@code DATE},
 * {@code DATETIME} and {@code TIMESTAMP} as the server's text, because they hold values that a Java
 * boolean or {@code java.time} would lose (zero dates, {@code 838:59:59}); every spatial type as its
 * binary form. Restores run in a strict {@code sql_mode} that allows zero dates (see ADR 0009).
 *
 * @since 0.1
 */
public class MariaDbDialect extends GenericDialect {

    /** Appended to a system-versioned table's name to name its history rows. */
    public static final String HISTORY_SUFFIX = " (history)";

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        String name = product.name().toLowerCase(Locale.ROOT);
        return name.contains("mariadb") || name.contains("mysql");
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
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

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            pinReadMode(s);
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
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
                    history.add(new ExcludedTable(table + HISTORY_SUFFIX, "history rows of system-versioned table '"
                            + table + "': only its current rows are backed up, and a restore starts its history anew",
                            "Keep the history of " + quote(table) + " elsewhere (e.g. a physical backup) if it must survive"));
                }
            }
        }
        return history;
    }

    @Override
    public boolean isBaseTable(String tableType) {
        return "TABLE".equalsIgnoreCase(tableType) || "BASE TABLE".equalsIgnoreCase(tableType);
    }

    @Override
    public String fromClause(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public ValueType valueType(int jdbcType, String typeName, int size) {
        String type = typeName.toUpperCase(Locale.ROOT);
        if (type.equals("JSON")) {
            return ValueType.JSON;
        }
        if (type.equals("UUID")) {
            return ValueType.UUID;
        }
        if (SPATIAL.contains(type)) {
            // MariaDB's own binary form (4-byte SRID + WKB): the bytes restore exactly, SRID included.
            return ValueType.BINARY;
        }
        if (type.equals("YEAR") || type.equals("INET4") || type.equals("INET6") || isDateOrTimestamp(type)) {
            // DATE, DATETIME and TIMESTAMP hold zero dates ('0000-00-00'), zero-in-date values ('2024-00-15')
            // and, under ALLOW_INVALID_DATES, '2024-02-31': none fits java.time, so the text form is kept.
            return ValueType.OTHER;
        }
        if (jdbcType == Types.BOOLEAN || type.startsWith("TINYINT")) {
            // BOOLEAN is TINYINT(1), which holds -128..127: an integer keeps every value.
            return ValueType.INTEGER;
        }
        if (jdbcType == Types.TIME) {
            // TIME spans -838:59:59..838:59:59, beyond java.time.LocalTime: keep the text form.
            return ValueType.OTHER;
        }
        return super.valueType(jdbcType, typeName, size);
    }

    /** The spatial column types, as the driver names them; every one holds MariaDB's geometry bytes. */
    private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");

    private static boolean isDateOrTimestamp(String type) {
        return type.equals("DATE") || type.startsWith("DATETIME") || type.startsWith("TIMESTAMP");
    }

    private static boolean isEnum(ColumnSchema column) {
        return column.typeName().toUpperCase(Locale.ROOT).startsWith("ENUM");
    }

    /**
     * Reads dates and timestamps as the server prints them ({@code CAST(… AS CHAR)}, in the UTC session zone),
     * and ENUM values with their index, which tells the error value {@code ''} (index 0) from a member {@code ''}.
     */
    @Override
    public String selectExpression(ColumnSchema column) {
        String name = quote(column.name());
        if (column.valueType() == ValueType.OTHER && isDateOrTimestamp(column.typeName().toUpperCase(Locale.ROOT))) {
            return "CAST(" + name + " AS CHAR)";
        }
        if (column.valueType() == ValueType.STRING && isEnum(column)) {
            return "CONCAT(CAST(" + name + " + 0 AS CHAR), ':', " + name + ")";
        }
        return name;
    }

    @Override
    public Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException {
        if (column.valueType() == ValueType.UUID) {
            return toUuid(rs.getString(index));
        }
        if (column.valueType() == ValueType.STRING && isEnum(column)) {
            String indexAndValue = rs.getString(index);
            if (indexAndValue == null) {
                return null;
            }
            int colon = indexAndValue.indexOf(':');
            if (indexAndValue.substring(0, colon).equals("0")) {
                throw new SQLException("a row holds the ENUM error value '' (index 0), which MariaDB stores only when a"
                        + " session without strict mode writes a value that is not a member; a strict restore cannot"
                        + " write it back, so the backup refuses it. Replace it with a member or NULL first, e.g. UPDATE"
                        + " <table> SET " + quote(column.name()) + " = NULL WHERE " + quote(column.name()) + " = 0", "22000");
            }
            return indexAndValue.substring(colon + 1);
        }
        return super.readValue(rs, index, column);
    }

    private static final Pattern NEXTVAL = Pattern.compile("(?i)nextval\\(([^)]+)\\)");

    /**
     * Starts a restore session: UTC, and an {@code sql_mode} that writes every backed-up value as it was and
     * refuses every other. Strict for all engines (a value the target cannot hold fails the restore instead
     * of being truncated); zero dates, zero-in-date values and invalid dates allowed (the source held them);
     * {@code NO_AUTO_VALUE_ON_ZERO} so an id 0 stays 0; {@code EMPTY_STRING_IS_NULL} off so {@code ''} stays
     * {@code ''}. The rest of the target's mode is kept.
     */
    @Override
    public void beginRestore(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION sql_mode = '" + restoreSqlMode(sqlMode(s)) + "'");
        }
        try (Statement s = connection.createStatement()) {
            // Lets the restore write ROW START/END of system-versioned tables as backed up (MariaDB 10.11+).
            s.execute("SET SESSION system_versioning_insert_history = ON");
        } catch (SQLException unknownVariable) {
            // Older MariaDB or MySQL: unwritableColumns leaves the period columns to the database.
        }
    }

    /**
     * Returns the restore session's {@code sql_mode}, derived from the target's.
     *
     * @param current the target session's {@code sql_mode}
     * @return the mode the restore runs with
     */
    static String restoreSqlMode(String current) {
        Set<String> mode = new LinkedHashSet<>();
        for (String flag : current.split(",")) {
            String f = flag.trim().toUpperCase(Locale.ROOT);
            if (f.matches("[A-Z_0-9]+") && !RESTORE_MODE_OFF.contains(f)) {
                mode.add(f);
            }
        }
        mode.addAll(RESTORE_MODE_ON);
        return String.join(",", mode);
    }

    private static final Set<String> RESTORE_MODE_OFF = Set.of("NO_ZERO_DATE", "NO_ZERO_IN_DATE", "EMPTY_STRING_IS_NULL",
            "TRADITIONAL"); // TRADITIONAL never appears in @@sql_mode itself, only its parts
    private static final List<String> RESTORE_MODE_ON = List.of("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES",
            "ALLOW_INVALID_DATES", "NO_AUTO_VALUE_ON_ZERO");

    /**
     * Pins the read session's {@code sql_mode}: without {@code PAD_CHAR_TO_FULL_LENGTH}, which would pad
     * {@code CHAR} values with spaces the table does not hold.
     */
    private static void pinReadMode(Statement s) throws SQLException {
        String current = sqlMode(s);
        List<String> kept = new ArrayList<>();
        for (String flag : current.split(",")) {
            String f = flag.trim().toUpperCase(Locale.ROOT);
            if (f.matches("[A-Z_0-9]+") && !f.equals("PAD_CHAR_TO_FULL_LENGTH")) {
                kept.add(f);
            }
        }
        s.execute("SET SESSION sql_mode = '" + String.join(",", kept) + "'");
    }

    private static String sqlMode(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            String mode = rs.getString(1);
            return mode == null ? "" : mode;
        }
    }

    @Override
    public void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression)
            throws SQLException {
        if (value instanceof UUID uuid) {
            ps.setString(index, uuid.toString());
        } else {
            super.bind(ps, index, column, value, valueExpression);
        }
    }

    @Override
    public String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        String insert = "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") VALUES "
                + Dialect.valuesRows(values, rows);
        if (mode != RestoreMode.UPSERT) {
            return insert;
        }
        List<String> set = new ArrayList<>();
        for (String column : columns) {
            if (!primaryKey.contains(column)) {
                set.add(column + " = VALUES(" + column + ")");
            }
        }
        if (set.isEmpty()) {
            set.add(primaryKey.get(0) + " = " + primaryKey.get(0));
        }
        return insert + " ON DUPLICATE KEY UPDATE " + String.join(", ", set);
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

    @Override
    public List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        List<String> done = new ArrayList<>();
        for (ColumnSchema column : columns) {
            if (column.autoIncrement()) {
                // InnoDB moves the AUTO_INCREMENT counter past every explicit id inserted; no DDL needed
                // (ALTER TABLE would commit the restore transaction early).
                done.add(table + "." + column.name() + ": AUTO_INCREMENT follows the restored ids (InnoDB)");
            } else if (column.defaultExpression() != null) {
                Matcher m = NEXTVAL.matcher(column.defaultExpression());
                if (m.find()) {
                    String sequence = m.group(1).trim();
                    done.add(table + "." + column.name() + ": sequence " + sequence
                            + moveSequence(connection, sequence, qualify(schema, table), column));
                }
            }
        }
        return done;
    }

    /**
     * {@code SETVAL} takes constants only, so the maximum is read first; MariaDB's {@code SETVAL}
     * ignores a value below the sequence's current one, so a shared sequence never moves back.
     */
    private String moveSequence(Connection connection, String sequence, String qualifiedTable, ColumnSchema column)
            throws SQLException {
        long max;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(" + quote(column.name()) + ") FROM " + qualifiedTable)) {
            rs.next();
            max = rs.getLong(1);
            if (rs.wasNull()) {
                return " left as is (table empty)";
            }
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETVAL(" + sequence + ", " + max + ")")) {
            rs.next();
            rs.getLong(1);
            return rs.wasNull() ? " left as is (already past " + max + ")" : " moved to " + max;
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

    /**
     * Asks the server itself: each privilege is probed with a statement that touches no row
     * ({@code WHERE 1 = 0}), which MariaDB checks like any other, whether the privilege comes from a
     * global, database, table, column or role grant. An error does not end the transaction.
     */
    @Override
    public java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> missingPrivileges(Connection connection,
            String schema, String table, java.util.Set<io.github.dbbackup.core.spi.RestoreSession.TablePrivilege> privileges)
            throws SQLException {
        String qualified = qualify(schema, table);
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
                return quote(rs.getString(1));
            }
        }
    }
}
