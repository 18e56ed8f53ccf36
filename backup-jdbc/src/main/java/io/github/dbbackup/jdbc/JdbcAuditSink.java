package io.github.dbbackup.jdbc;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.jdbc.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Appends audit events to a table of the host's database, one row per event:
 * {@code INSERT INTO audit_log (action, created_at, details) VALUES (?, ?, ?)} by default, with
 * {@code created_at} the event time as a UTC date-time and {@code details} a JSON object text
 * ({@code {"backupId":"backup-…","tables":12,"rows":4031,…}}). So monitoring such as
 * {@code SELECT * FROM audit_log WHERE action = 'DATABASE_BACKUP_CREATED' ORDER BY created_at DESC}
 * works. Each event uses its own connection and commits it. Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcAuditSink implements AuditSink {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final DataSource dataSource;
    private final String table;
    private final String actionColumn;
    private final String timeColumn;
    private final String detailsColumn;

    private JdbcAuditSink(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.actionColumn = b.actionColumn;
        this.timeColumn = b.timeColumn;
        this.detailsColumn = b.detailsColumn;
    }

    /**
     * A sink writing to {@code audit_log(action, created_at, details)}.
     *
     * @param dataSource the host's data source
     * @return the sink
     */
    public static JdbcAuditSink of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts a builder.
     *
     * @param dataSource the host's data source
     * @return a new single-use builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public void record(AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            String quote = c.getMetaData().getIdentifierQuoteString();
            String q = quote == null || quote.isBlank() ? "" : quote.trim();
            String sql = "INSERT INTO " + qualified(q) + " (" + quoted(q, actionColumn) + ", " + quoted(q, timeColumn)
                    + ", " + quoted(q, detailsColumn) + ") VALUES (?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, event.action().name());
                ps.setObject(2, LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC));
                ps.setString(3, event.detailsJson());
                ps.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw SqlErrors.wrap("Appending audit event " + event.action() + " to table '" + table + "'", e);
        }
    }

    private String qualified(String q) {
        List<String> parts = new ArrayList<>();
        for (String part : table.split("\\.")) {
            parts.add(quoted(q, part));
        }
        return String.join(".", parts);
    }

    private static String quoted(String q, String identifier) {
        return q.isEmpty() ? identifier : q + identifier.replace(q, q + q) + q;
    }

    /**
     * Builds a {@link JdbcAuditSink}. Mutable and single-use.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = "audit_log";
        private String actionColumn = "action";
        private String timeColumn = "created_at";
        private String detailsColumn = "details";

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the table, optionally schema-qualified ({@code ops.audit_log}); default {@code audit_log}.
         *
         * @param table the table
         * @return this builder
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * Sets the column names (defaults {@code action}, {@code created_at}, {@code details}).
         *
         * @param action the column receiving the action name (text)
         * @param time the column receiving the event time (a timestamp, UTC)
         * @param details the column receiving the JSON details (text)
         * @return this builder
         */
        public Builder columns(String action, String time, String details) {
            this.actionColumn = action;
            this.timeColumn = time;
            this.detailsColumn = details;
            return this;
        }

        /**
         * Validates and builds, reporting every problem at once.
         *
         * @return the sink
         * @throws BackupConfigurationException naming each invalid property
         */
        public JdbcAuditSink build() {
            List<String> problems = new ArrayList<>();
            if (dataSource == null) {
                problems.add("dataSource was null; pass the host's javax.sql.DataSource");
            }
            check(problems, "table", table, true);
            check(problems, "action column", actionColumn, false);
            check(problems, "time column", timeColumn, false);
            check(problems, "details column", detailsColumn, false);
            if (!problems.isEmpty()) {
                throw new BackupConfigurationException("Invalid JdbcAuditSink configuration", problems);
            }
            return new JdbcAuditSink(this);
        }

        private static void check(List<String> problems, String what, String value, boolean qualified) {
            if (value == null) {
                problems.add(what + " was null");
                return;
            }
            for (String part : qualified ? value.split("\\.", -1) : new String[] {value}) {
                if (!IDENTIFIER.matcher(part).matches()) {
                    problems.add(what + " was '" + value + "' but it must be " + (qualified ? "a dot-separated list of"
                            + " identifiers" : "an identifier") + " matching " + IDENTIFIER.pattern());
                    return;
                }
            }
            Objects.requireNonNull(value);
        }
    }
}
