package io.github.dbbackup.jdbc.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A fresh, empty, isolated database that exists for one test class, handed out by
 * {@link TestDatabaseExtension} (see {@link WithDatabase}). Thread-safe.
 *
 * <table>
 *   <caption>What each kind is</caption>
 *   <tr><th>kind</th><th>database</th><th>{@link #schema()}</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code CREATE DATABASE dbbackup_t_<random>}, dropped
 *       {@code WITH (FORCE)}</td><td>{@code public}</td></tr>
 *   <tr><td>MariaDB</td><td>{@code CREATE DATABASE dbbackup_t_<random> CHARACTER SET utf8mb4},
 *       its sessions killed and the database dropped</td><td>the database name (MariaDB's
 *       schema is the database)</td></tr>
 *   <tr><td>H2</td><td>{@code jdbc:h2:mem:dbbackup_t_<random>;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE},
 *       {@code SHUTDOWN}</td><td>{@code public} (lowercase, because of {@code DATABASE_TO_LOWER})</td></tr>
 * </table>
 *
 * <p>{@link #execute}, {@link #runScript} and {@link #queryForLong} each use a new auto-commit
 * connection and throw {@link IllegalStateException}, naming the statement, when SQL fails.
 *
 * @since 0.1
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseServer server;
    private final String name;
    private final String jdbcUrl;
    private final String schema;
    private final DriverManagerDataSource dataSource;
    private final List<TestDatabase> siblings = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(DatabaseServer server, String name, String jdbcUrl, String schema) {
        this.server = Objects.requireNonNull(server, "server");
        this.name = Objects.requireNonNull(name, "name");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.dataSource = new DriverManagerDataSource(jdbcUrl, server.properties());
    }

    /**
     * Returns the kind of database.
     *
     * @return the kind
     */
    public DatabaseKind kind() {
        return server.kind();
    }

    /**
     * Returns the database name, {@code dbbackup_t_} followed by 10 random lowercase letters and digits.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns a data source whose every {@code getConnection()} opens a new physical connection to
     * this database (no pool). Connections still open when the database is closed are closed then.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the JDBC URL of this database. It may lack the credentials: connect with
     * {@link #user()} and {@link #password()}, or through {@link #dataSource()}.
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Returns the user that connections log in as.
     *
     * @return the user name, empty when the URL carries it and it could not be read from it
     */
    public String user() {
        return server.user();
    }

    /**
     * Returns the password of {@link #user()}.
     *
     * @return the password, empty for none (trust authentication, H2)
     */
    public String password() {
        return server.password();
    }

    /**
     * Returns the schema a new connection works in, as the database reports it: {@code public} on
     * PostgreSQL and on H2 (lowercase, as {@code DATABASE_TO_LOWER=TRUE} makes it), the database
     * name on MariaDB.
     *
     * @return the schema
     */
    public String schema() {
        return schema;
    }

    /**
     * Opens a new connection; the caller closes it.
     *
     * @return an auto-commit connection to this database
     * @throws SQLException when connecting fails
     */
    public Connection openConnection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Executes statements in order on one auto-commit connection.
     *
     * @param sql the statements, without terminating {@code ;}
     * @throws IllegalStateException when a statement fails
     */
    public void execute(String... sql) {
        execute("statement", List.of(sql));
    }

    /**
     * Runs an SQL script from the classpath: statements end with {@code ;} at the end of a line,
     * {@code --} lines are comments, no procedural blocks.
     *
     * @param classpathResource the resource, e.g. {@code qa-app/schema-h2.sql}
     * @throws IllegalArgumentException when the resource does not exist
     * @throws IllegalStateException when a statement fails
     */
    public void runScript(String classpathResource) {
        execute("statement of '" + classpathResource + "'", SqlScript.load(classpathResource));
    }

    private void execute(String what, List<String> statements) {
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw failure(what + " " + (i + 1) + " failed", sql, e);
                }
            }
        } catch (SQLException e) {
            throw failure("connection failed", "", e);
        }
    }

    /**
     * Runs a query that returns one row with one non-null integer column, e.g.
     * {@code SELECT COUNT(*) FROM users WHERE team_id = ?}.
     *
     * @param sql the query
     * @param parameters values bound to its {@code ?} placeholders with {@code setObject}
     * @return the value
     * @throws IllegalStateException when the query fails or returns no row or {@code NULL}
     */
    public long queryForLong(String sql, Object... parameters) {
        try (Connection connection = openConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Query returned no row on " + this + ": " + sql);
                }
                long value = rs.getLong(1);
                if (rs.wasNull()) {
                    throw new IllegalStateException("Query returned NULL on " + this + ": " + sql);
                }
                return value;
            }
        } catch (SQLException e) {
            throw failure("query failed", sql, e);
        }
    }

    /**
     * Creates another fresh, empty database of the same kind on the same server, e.g. the empty
     * target of a restore. It is closed (dropped) together with this one, or earlier by the caller.
     *
     * @return the new database
     * @throws IllegalStateException when this database is closed or creating fails
     */
    public TestDatabase createSibling() {
        synchronized (siblings) {
            if (closed.get()) {
                throw new IllegalStateException(this + " is closed; create siblings while the test class runs");
            }
            TestDatabase sibling = server.createDatabase();
            siblings.add(sibling);
            return sibling;
        }
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Drops this database and its siblings, closing the connections they handed out first.
     * Idempotent. {@link TestDatabaseExtension} calls it after the test class.
     *
     * @throws IllegalStateException when a database could not be dropped
     */
    @Override
    public void close() {
        List<TestDatabase> toClose;
        synchronized (siblings) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            toClose = new ArrayList<>(siblings);
        }
        IllegalStateException failure = null;
        for (TestDatabase sibling : toClose) {
            try {
                sibling.close();
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
        }
        dataSource.closeOpenConnections();
        try {
            server.dropDatabase(this);
        } catch (SQLException | RuntimeException e) {
            failure = addTo(failure, new IllegalStateException("Could not drop " + this + ": " + e.getMessage()
                    + "; drop it by hand (every test database starts with '" + DatabaseServer.NAME_PREFIX + "')", e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IllegalStateException addTo(IllegalStateException first, RuntimeException next) {
        if (first == null) {
            return next instanceof IllegalStateException ise ? ise : new IllegalStateException(next.getMessage(), next);
        }
        first.addSuppressed(next);
        return first;
    }

    private IllegalStateException failure(String what, String sql, SQLException e) {
        StringBuilder message = new StringBuilder(server.kind().displayName()).append(' ').append(what)
                .append(" on database '").append(name).append("': ").append(e.getMessage());
        if (e.getSQLState() != null) {
            message.append(" [SQLState ").append(e.getSQLState()).append(']');
        }
        if (!sql.isEmpty()) {
            message.append('\n').append(sql);
        }
        return new IllegalStateException(message.toString(), e);
    }

    /**
     * Describes the database without secrets, e.g. {@code PostgreSQL database 'dbbackup_t_x1y2'}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return server.kind().displayName() + " database '" + name + "' (" + JdbcUrls.mask(jdbcUrl) + ")";
    }
}
