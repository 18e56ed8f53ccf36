package io.github.dbbackup.examples.qaapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Creates the QA-app schema (21 tables) on PostgreSQL, MariaDB or H2 and names its tables.
 *
 * <p>The DDL lives in the classpath resources {@code qa-app/schema-postgresql.sql},
 * {@code qa-app/schema-mariadb.sql} and {@code qa-app/schema-h2.sql}: one statement per {@code ;}
 * at the end of a line, {@code --} comment lines, no procedural blocks. All names are unquoted,
 * lowercase snake_case, so the H2 script works with and without {@code DATABASE_TO_LOWER=TRUE}.
 *
 * <p>What the schema exercises: a foreign-key cycle ({@code users.team_id} → {@code teams},
 * {@code teams.owner_id} → {@code users}, the second added by {@code ALTER TABLE}), a
 * self-reference ({@code test_suites.parent_id}), a composite primary key ({@code team_members}),
 * identity and serial columns, a NOT NULL column without default that the backup leaves out
 * ({@code users.password_hash}), and JSON, array, enum, UUID, binary, {@code NUMERIC(38,10)},
 * {@code REAL}, {@code DOUBLE}, {@code DATE}, {@code TIMESTAMP} and {@code TIMESTAMP WITH TIME ZONE}
 * values. Excluded tables reference included ones ({@code session} → {@code users},
 * {@code attachment} → {@code test_runs}), as in the real application.
 *
 * @since 0.1
 */
public final class QaAppSchema {

    /**
     * The tables the runbook backs up, parents before children (a valid restore order once the
     * {@code users}/{@code teams} cycle is broken by inserting {@code users.team_id} later).
     */
    public static final List<String> BACKED_UP_TABLES = List.of(
            "users", "teams", "subscriptions", "team_members", "projects", "milestones",
            "environments", "test_suites", "test_cases", "test_runs");

    /** The tables the runbook deliberately leaves out: secrets, ephemeral and external data. */
    public static final List<String> EXCLUDED_TABLES = List.of(
            "session", "password_reset_token", "api_key", "authenticator_token", "attachment",
            "audit_log", "team_invitation", "enterprise_inquiry", "jira_issue", "jira_integration",
            "slack_integration");

    /** Every table of the schema: {@link #BACKED_UP_TABLES} then {@link #EXCLUDED_TABLES}. */
    public static final List<String> ALL_TABLES =
            Stream.concat(BACKED_UP_TABLES.stream(), EXCLUDED_TABLES.stream()).toList();

    private QaAppSchema() {
    }

    /**
     * The databases the QA-app runs on, each with its DDL script.
     *
     * @since 0.1
     */
    public enum Database {
        /** PostgreSQL 13 or later. */
        POSTGRESQL("qa-app/schema-postgresql.sql"),
        /** MariaDB 10.7 or later (for the {@code UUID} type). */
        MARIADB("qa-app/schema-mariadb.sql"),
        /** H2 2.x, in its default mode, with or without {@code DATABASE_TO_LOWER=TRUE}. */
        H2("qa-app/schema-h2.sql");

        private final String script;

        Database(String script) {
            this.script = script;
        }

        /**
         * Returns the classpath resource holding this database's DDL.
         *
         * @return the resource name, e.g. {@code qa-app/schema-h2.sql}
         */
        public String script() {
            return script;
        }

        /**
         * Detects the database from the connection's {@code DatabaseMetaData} product name.
         *
         * @param connection an open connection; not closed
         * @return the database
         * @throws IllegalArgumentException when the product is none of PostgreSQL, MariaDB, H2
         * @throws SQLException when the metadata cannot be read
         */
        public static Database from(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName();
            String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (lower.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (lower.contains("mariadb")) {
                return MARIADB;
            }
            if (lower.equals("h2")) {
                return H2;
            }
            throw new IllegalArgumentException("The QA-app schema exists for PostgreSQL, MariaDB and H2, but the "
                    + "connection is to '" + product + "'; pass QaAppSchema.Database explicitly if the product "
                    + "reports another name");
        }
    }

    /**
     * Creates every table of the schema with the script of {@code database}, statement by statement,
     * in the connection's current transaction mode (PostgreSQL and H2 roll DDL back with the
     * transaction; MariaDB commits each DDL statement implicitly).
     *
     * @param connection an open connection to an empty schema; not closed
     * @param database which script to run
     * @throws SQLException when a statement fails; the message names the statement
     */
    public static void create(Connection connection, Database database) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        List<String> statements = statements(database);
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("Statement " + (i + 1) + " of " + database.script() + " failed: "
                            + e.getMessage() + "\n" + sql, e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    /**
     * Creates every table of the schema, detecting the database from the connection's metadata.
     *
     * @param connection an open connection to an empty schema; not closed
     * @return the database detected
     * @throws SQLException when a statement fails
     */
    public static Database create(Connection connection) throws SQLException {
        Database database = Database.from(connection);
        create(connection, database);
        return database;
    }

    /**
     * Returns the DDL statements of {@code database}'s script, without their terminating {@code ;}.
     *
     * @param database the database
     * @return the statements in execution order
     */
    public static List<String> statements(Database database) {
        Objects.requireNonNull(database, "database");
        String resource = database.script();
        try (InputStream in = QaAppSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Classpath resource '" + resource + "' is missing from the qa-app jar");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read classpath resource '" + resource + "'", e);
        }
    }

    /** Splits a script into statements: one ends at a line ending with ';'; '--' lines are comments. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }
}
