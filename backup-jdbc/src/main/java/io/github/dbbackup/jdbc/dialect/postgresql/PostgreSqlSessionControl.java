package io.github.dbbackup.jdbc.dialect.postgresql;

import io.github.dbbackup.jdbc.dialect.GenericSessionControl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PostgreSQL's sessions: {@code REPEATABLE READ, READ ONLY} snapshots with the settings that change
 * text forms pinned and {@code row_security} off, exported with {@code pg_export_snapshot()} and
 * shared with {@code SET TRANSACTION SNAPSHOT}; restore transactions with the same settings pinned.
 */
final class PostgreSqlSessionControl extends GenericSessionControl {

    PostgreSqlSessionControl() {
        super("PostgreSQL");
    }

    /**
     * The settings that change how PostgreSQL prints or reads values, pinned for the transaction
     * (as {@code pg_dump} does), so that neither the source's nor the target's defaults
     * ({@code ALTER DATABASE … SET}, {@code ALTER ROLE … SET}, {@code postgresql.conf}) change a
     * value's text: {@code IntervalStyle} ({@code sql_standard} prints {@code -3 days -04:00:00} as
     * {@code -3 4:00:00}, which reads back 8 hours off under {@code postgres}), {@code DateStyle},
     * {@code TimeZone} (the offset {@code timestamptz} text carries), {@code extra_float_digits}
     * (fewer digits lose float precision), {@code bytea_output}. {@code SET LOCAL}: a pooled
     * connection goes back to the host as it came.
     */
    private static final List<String> PINNED_SETTINGS = List.of("SET LOCAL DateStyle = ISO",
            "SET LOCAL IntervalStyle = postgres", "SET LOCAL TimeZone = 'UTC'", "SET LOCAL extra_float_digits = 3",
            "SET LOCAL bytea_output = hex");

    /** Also read on restore: {@code xml} values that are content, not documents, load whatever the target's default. */
    private static final String RESTORE_XMLOPTION = "SET LOCAL xmloption = content";

    /**
     * Starts the snapshot, pins the settings above and turns {@code row_security} off for the
     * transaction: PostgreSQL then raises an error instead of silently filtering the rows of a table
     * whose row-level security applies to this role, as {@code pg_dump} does — a backup never exports
     * a filtered view of a table.
     */
    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        startSnapshot(connection);
        pinSettings(connection);
        refuseRowSecurity(connection);
    }

    private static void startSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private static void refuseRowSecurity(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL row_security = off");
        }
    }

    private static void pinSettings(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String setting : PINNED_SETTINGS) {
                s.execute(setting);
            }
        }
    }

    /** Pins the settings of {@link #beginSnapshot} (and {@code xmloption}) for the restore's transaction. */
    @Override
    public void beginRestore(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        pinSettings(connection);
        try (Statement s = connection.createStatement()) {
            s.execute(RESTORE_XMLOPTION);
        }
    }

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*");

    /** The transaction's snapshot, for the other connections of a parallel export. */
    @Override
    public Optional<String> exportSnapshot(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return Optional.of(rs.getString(1));
        }
    }

    /** {@code SET TRANSACTION SNAPSHOT} must come before the transaction's first query. */
    @Override
    public void beginSharedSnapshot(Connection connection, String snapshotId) throws SQLException {
        // The id goes into SQL text (SET takes no parameters): accept only what PostgreSQL produces.
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new SQLException("'" + snapshotId + "' is not a PostgreSQL snapshot id");
        }
        startSnapshot(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
        }
        pinSettings(connection);
        refuseRowSecurity(connection); // every connection of a parallel export, not only the first
    }
}
