package io.github.dbbackup.examples.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over {@link DriverManager}: every {@code getConnection()} opens a new
 * connection to the JDBC URL, logging in as {@code --user} with the password from
 * {@code DBBACKUP_PASSWORD} when they are given (otherwise the URL's own credentials apply). The
 * drivers bundled in the jar (PostgreSQL, MariaDB, H2) register themselves through
 * {@code META-INF/services/java.sql.Driver}.
 */
final class UrlDataSource implements DataSource {

    private final String url;
    private final Properties properties;

    /**
     * Creates the data source.
     *
     * @param url the JDBC URL, possibly with credentials
     * @param user the user, or {@code null} to use the URL's
     * @param password the password, or {@code null} for none
     */
    UrlDataSource(String url, String user, String password) {
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty("user", username);
        copy.setProperty("password", password);
        return DriverManager.getConnection(url, copy);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's log writer is global state; leave it alone
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // global in DriverManager; drivers' own URL parameters (connectTimeout=…) apply instead
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
