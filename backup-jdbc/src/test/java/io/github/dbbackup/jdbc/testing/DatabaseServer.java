package io.github.dbbackup.jdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/** A reachable database server of one kind that creates and drops throw-away databases. Thread-safe. */
final class DatabaseServer {

    /** Prefix of every database this class creates, so leftovers are easy to find and drop. */
    static final String NAME_PREFIX = "dbbackup_t_";

    private final DatabaseKind kind;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String origin;

    private DatabaseServer(DatabaseKind kind, String adminUrl, String user, String password, String origin) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.adminUrl = adminUrl;
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The in-memory H2 "server" of this JVM. */
    static DatabaseServer h2() {
        return new DatabaseServer(DatabaseKind.H2, null, "sa", "", "H2 in memory");
    }

    /**
     * A PostgreSQL or MariaDB server reached through {@code adminUrl}; {@code user} and
     * {@code password} may be empty when the URL carries them.
     */
    static DatabaseServer of(DatabaseKind kind, String adminUrl, String user, String password, String origin) {
        if (kind == DatabaseKind.H2) {
            throw new IllegalArgumentException("use DatabaseServer.h2()");
        }
        return new DatabaseServer(kind, Objects.requireNonNull(adminUrl, "adminUrl"), user, password, origin);
    }

    DatabaseKind kind() {
        return kind;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Where the server came from, for messages: the configured URL (masked) or the container image. */
    String origin() {
        return origin;
    }

    /** Connection properties: user, password, and a short connect timeout. */
    Properties properties() {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        switch (kind) {
            case POSTGRESQL -> properties.setProperty("connectTimeout", "5");
            case MARIADB -> properties.setProperty("connectTimeout", "5000");
            case H2 -> {
            }
        }
        return properties;
    }

    /** Opens a connection to the admin database; fails fast (5 s) when the server is unreachable. */
    Connection openAdminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl, properties());
    }

    /** Creates an empty database with a fresh random name. */
    TestDatabase createDatabase() {
        String name = NAME_PREFIX + randomSuffix();
        try {
            return switch (kind) {
                case H2 -> createH2(name);
                case POSTGRESQL -> {
                    adminExecute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
                    yield new TestDatabase(this, name, JdbcUrls.withDatabase(adminUrl, name), "public");
                }
                case MARIADB -> {
                    adminExecute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                    yield new TestDatabase(this, name, JdbcUrls.withDatabase(adminUrl, name), name);
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create " + kind.displayName() + " database '" + name + "' on "
                    + origin + ": " + e.getMessage(), e);
        }
    }

    private TestDatabase createH2(String name) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, properties())) {
            return new TestDatabase(this, name, url, connection.getSchema());
        }
    }

    /**
     * Drops a database this server created, disconnecting whoever is still connected to it.
     *
     * @param database the database
     */
    void dropDatabase(TestDatabase database) throws SQLException {
        String name = database.name();
        if (!name.startsWith(NAME_PREFIX) || !name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("refusing to drop '" + name + "': not a test database");
        }
        switch (kind) {
            case H2 -> {
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl() + ";IFEXISTS=TRUE", properties());
                     Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                } catch (SQLException e) {
                    if (e.getErrorCode() != 90146) { // DATABASE_NOT_FOUND_WITH_IF_EXISTS_1: already gone
                        throw e;
                    }
                }
            }
            case POSTGRESQL -> adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> {
                try (Connection connection = openAdminConnection(); Statement statement = connection.createStatement()) {
                    for (long id : mariaDbSessionsOn(connection, name)) {
                        try {
                            statement.execute("KILL CONNECTION " + id);
                        } catch (SQLException e) {
                            // it ended meanwhile
                        }
                    }
                    statement.execute("SET SESSION lock_wait_timeout = 30");
                    statement.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }

    private static List<Long> mariaDbSessionsOn(Connection connection, String database) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void adminExecute(String sql) throws SQLException {
        try (Connection connection = openAdminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    @Override
    public String toString() {
        return kind.displayName() + " server (" + origin + ")";
    }
}
