package io.github.dbbackup.jdbc.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new physical connection on every call, through
 * {@link DriverManager}, and remembers the connections it handed out so that
 * {@link #closeOpenConnections()} can close those a test leaked before its database is dropped.
 * Thread-safe.
 */
final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final List<Connection> handedOut = new ArrayList<>();
    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;

    DriverManagerDataSource(String url, Properties properties) {
        this.url = url;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return track(DriverManager.getConnection(url, properties));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty("user", username);
        if (password == null) {
            copy.remove("password");
        } else {
            copy.setProperty("password", password);
        }
        return track(DriverManager.getConnection(url, copy));
    }

    private Connection track(Connection connection) throws SQLException {
        synchronized (handedOut) {
            List<Connection> closed = new ArrayList<>();
            for (Connection c : handedOut) {
                if (c.isClosed()) {
                    closed.add(c);
                }
            }
            handedOut.removeAll(closed);
            handedOut.add(connection);
        }
        return connection;
    }

    /**
     * Closes (rolling back first) every connection handed out and still open.
     *
     * @return how many were open
     */
    int closeOpenConnections() {
        List<Connection> all;
        synchronized (handedOut) {
            all = new ArrayList<>(handedOut);
            handedOut.clear();
        }
        int open = 0;
        for (Connection connection : all) {
            try {
                if (!connection.isClosed()) {
                    open++;
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                }
            } catch (SQLException ignored) {
                // closing is what matters
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken: the server drops it with the database
                }
            }
        }
        return open;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Recorded only: the drivers' own connect timeouts apply. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("DriverManagerDataSource does not use java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("DriverManagerDataSource is not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverManagerDataSource[" + JdbcUrls.mask(url) + "]";
    }
}
