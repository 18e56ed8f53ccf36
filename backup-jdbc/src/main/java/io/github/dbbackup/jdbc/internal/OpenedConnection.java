package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection borrowed from the host's data source, with its dialect chosen, its schema resolved
 * and the dialect's session start (snapshot or restore transaction) done.
 *
 * @param connection the connection; its owner closes it
 * @param dialect the dialect
 * @param schema the schema
 * @param info the description of the database, without credentials
 */
public record OpenedConnection(Connection connection, Dialect dialect, String schema, SourceInfo info) {

    private static final Logger LOG = LoggerFactory.getLogger(OpenedConnection.class);

    /** What the dialect does on the fresh connection. */
    @FunctionalInterface
    public interface Start {
        /**
         * Starts the session.
         *
         * @param dialect the chosen dialect
         * @param connection the connection
         * @throws SQLException when the database refuses
         */
        void start(Dialect dialect, Connection connection) throws SQLException;
    }

    /**
     * Borrows a connection and starts a session on it; on failure the connection is closed.
     *
     * @param dataSource the host's data source
     * @param dialect the host's dialect, or {@code null} to choose from metadata
     * @param schema the host's schema, or {@code null} for the connection's default
     * @param role "source" or "target", for messages
     * @param start what to do on the connection
     * @return the opened connection
     */
    public static OpenedConnection open(DataSource dataSource, Dialect dialect, String schema, String role, Start start) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.wrap("Connecting to the " + role + " database (check that it runs and the credentials are right)", e);
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            DatabaseProduct product = Dialects.product(meta);
            Dialect chosen = Dialects.select(product, dialect);
            String resolvedSchema = schema != null ? schema : chosen.introspection().defaultSchema(connection);
            start.start(chosen, connection);
            SourceInfo info = new SourceInfo(product.name(), product.version(), chosen.name(), resolvedSchema,
                    JdbcUrls.mask(meta.getURL()));
            return new OpenedConnection(connection, chosen, resolvedSchema, info);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.wrap("Starting a session on the " + role + " database", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof BackupException ? e : new BackupException("Starting a session on the " + role
                    + " database failed: " + e, e);
        }
    }

    /**
     * Ends a session: rolls back what was not committed (a read-only snapshot, or a restore that did
     * not reach its commit) and returns the connection; failures are logged, never thrown.
     *
     * @param connection the connection
     * @param rollback whether to roll back first
     * @param role "source" or "target", for messages
     */
    public static void end(Connection connection, boolean rollback, String role) {
        if (rollback) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.warn("Rolling back the {} transaction failed: {}", role, e.toString());
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the {} connection failed: {}", role, e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }
}
