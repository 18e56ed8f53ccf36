package io.github.dbbackup.jdbc.differential;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source that runs session statements on every connection it hands out, as a host's pool may. */
final class SessionDataSource implements DataSource {

    private final DataSource delegate;
    private final List<String> init;

    SessionDataSource(DataSource delegate, List<String> init) {
        this.delegate = delegate;
        this.init = List.copyOf(init);
    }

    static DataSource of(DataSource delegate, List<String> init) {
        return init.isEmpty() ? delegate : new SessionDataSource(delegate, init);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = delegate.getConnection();
        try (Statement s = c.createStatement()) {
            for (String sql : init) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the delegate");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
