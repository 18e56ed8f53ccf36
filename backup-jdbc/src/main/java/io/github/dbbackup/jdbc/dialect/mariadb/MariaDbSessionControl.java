package io.github.dbbackup.jdbc.dialect.mariadb;

import io.github.dbbackup.jdbc.dialect.GenericSessionControl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB's sessions: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY} at
 * {@code REPEATABLE READ} in UTC without {@code PAD_CHAR_TO_FULL_LENGTH}; restores in UTC under a
 * strict {@code sql_mode} that allows zero dates (ADR 0009) and may insert history rows. Snapshots
 * cannot be shared.
 */
final class MariaDbSessionControl extends GenericSessionControl {

    MariaDbSessionControl() {
        super("MariaDB");
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
}
