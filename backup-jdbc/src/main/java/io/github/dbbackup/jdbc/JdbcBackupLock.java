package io.github.dbbackup.jdbc;

import io.github.dbbackup.jdbc.internal.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BackupLock} that the database arbitrates, so that several replicas of a service sharing
 * one database make one backup at a time. The database is recognised from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()} on each {@link #tryLock(String)}:
 *
 * <table>
 *   <caption>How the lock is taken, per database</caption>
 *   <tr><th>product</th><th>take</th><th>release</th><th>scope</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code SELECT pg_try_advisory_lock(hashtext(name))}</td>
 *       <td>{@code pg_advisory_unlock(hashtext(name))}</td><td>the database; names whose 32-bit
 *       hashes collide exclude each other (never the reverse)</td></tr>
 *   <tr><td>MariaDB, MySQL</td><td>{@code SELECT GET_LOCK(name, 0)}</td>
 *       <td>{@code RELEASE_LOCK(name)}</td><td>the whole server: prefix the name with the database's
 *       when several applications share a server</td></tr>
 *   <tr><td>H2 and any other product</td><td colspan="3">an in-process lock ({@link BackupLock#inProcess()})
 *       owned by this instance: it does <b>not</b> coordinate separate JVMs, nor other
 *       {@code JdbcBackupLock} instances. An H2 database is usually embedded in one JVM; for anything
 *       else the choice is logged as a warning.</td></tr>
 * </table>
 *
 * <p>A database lock is a session lock held on a connection of its own, taken from the data source
 * when the lock is taken and kept out of the pool until the handle is closed: reserve one connection
 * for it besides those the backup uses. The lock ends with that session, so a crashed holder never
 * blocks the next run; conversely, if the connection is lost while held, the lock is lost too. When
 * releasing fails, the connection is aborted so the lock cannot live on in a pooled session. The
 * connection's transaction, if auto-commit is off, is committed right after taking the lock (a
 * session lock outlives it), so the held connection is never idle in a transaction.
 *
 * <p>Immutable and thread-safe. The host owns the data source: it is never closed or configured here.
 *
 * @since 0.1
 */
public final class JdbcBackupLock implements BackupLock {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBackupLock.class);

    private final DataSource dataSource;
    private final BackupLock inProcess = BackupLock.inProcess();

    private JdbcBackupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates a lock arbitrated by the database behind {@code dataSource}.
     *
     * @param dataSource the host's data source; each held lock uses one of its connections
     * @return the lock
     */
    public static JdbcBackupLock of(DataSource dataSource) {
        return new JdbcBackupLock(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Takes the lock if no session of the database (or, for H2 and unknown products, no caller of
     * this instance) holds it. Never waits.
     *
     * @param name the lock's name, 1 to {@value BackupLock#MAX_NAME_LENGTH} characters, not blank
     * @return the held lock, which the caller must close; empty when it is held elsewhere
     * @throws IllegalArgumentException when the name is blank or too long
     * @throws io.github.dbbackup.core.BackupDatabaseException when no connection can be had or the
     *     database refuses the lock function (MariaDB returns {@code NULL} on error)
     */
    @Override
    public Optional<Handle> tryLock(String name) {
        BackupLock.checkName(name);
        Connection connection = null;
        boolean keep = false;
        try {
            connection = dataSource.getConnection();
            Kind kind = Kind.of(productName(connection));
            if (kind == Kind.IN_PROCESS) {
                return inProcess.tryLock(name);
            }
            boolean acquired = kind.take(connection, name);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (!acquired) {
                LOG.debug("Backup lock '{}' is held by another session", name);
                return Optional.empty();
            }
            keep = true;
            LOG.debug("Took backup lock '{}' ({})", name, kind);
            return Optional.of(new DatabaseHandle(connection, kind, name));
        } catch (SQLException e) {
            throw SqlErrors.wrap("Taking backup lock '" + name + "'", e);
        } finally {
            if (!keep && connection != null) {
                closeQuietly(connection, name);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcBackupLock";
    }

    private static String productName(Connection connection) {
        try {
            String name = connection.getMetaData().getDatabaseProductName();
            return name == null ? "unknown" : name;
        } catch (SQLException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(Connection connection, String name) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the connection of backup lock '{}' failed: {}", name, e.getMessage());
        }
    }

    /** How a product's lock is taken and released. */
    private enum Kind {
        POSTGRESQL("SELECT pg_try_advisory_lock(hashtext(?))", "SELECT pg_advisory_unlock(hashtext(?))"),
        MARIADB("SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK(?)"),
        IN_PROCESS("", "");

        private final String takeSql;
        private final String releaseSql;

        Kind(String takeSql, String releaseSql) {
            this.takeSql = takeSql;
            this.releaseSql = releaseSql;
        }

        static Kind of(String productName) {
            String p = productName.toLowerCase(Locale.ROOT);
            if (p.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (p.contains("mariadb") || p.contains("mysql")) {
                return MARIADB;
            }
            if (!p.equals("h2")) {
                LOG.warn("Database product '{}' has no known lock function; the backup lock only excludes callers"
                        + " in this JVM, not other replicas", productName);
            }
            return IN_PROCESS;
        }

        boolean take(Connection connection, String name) throws SQLException {
            return call(connection, takeSql, name, "taking");
        }

        boolean release(Connection connection, String name) throws SQLException {
            return call(connection, releaseSql, name, "releasing");
        }

        /** Runs a lock function returning a boolean (PostgreSQL) or 1/0/NULL (MariaDB). */
        private static boolean call(Connection connection, String sql, String name, String what) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException(sql + " returned no row");
                    }
                    Object result = rs.getObject(1);
                    if (result instanceof Boolean b) {
                        return b;
                    }
                    if (result instanceof Number n) {
                        return n.intValue() == 1;
                    }
                    throw new SQLException(sql + " returned " + result + " " + what + " lock '" + name
                            + "' (the database reported an error, or the lock did not exist)");
                }
            }
        }
    }

    /** A database session lock held on its own connection. */
    private static final class DatabaseHandle implements Handle {
        private final Connection connection;
        private final Kind kind;
        private final String name;
        private final AtomicBoolean closed = new AtomicBoolean();

        DatabaseHandle(Connection connection, Kind kind, String name) {
            this.connection = connection;
            this.kind = kind;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            boolean released = false;
            try {
                released = kind.release(connection, name);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                if (!released) {
                    LOG.warn("Backup lock '{}' was no longer held by its session when released", name);
                }
            } catch (SQLException e) {
                LOG.warn("Releasing backup lock '{}' failed ({}); ending its session to free it", name, e.getMessage());
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException abortFailure) {
                    LOG.warn("Aborting the connection of backup lock '{}' failed: {}", name, abortFailure.getMessage());
                }
            } finally {
                closeQuietly(connection, name);
            }
            LOG.debug("Released backup lock '{}' ({})", name, released ? "released" : "was not held");
        }

        @Override
        public String toString() {
            return "database lock '" + name + "' (" + kind + ")";
        }
    }
}
