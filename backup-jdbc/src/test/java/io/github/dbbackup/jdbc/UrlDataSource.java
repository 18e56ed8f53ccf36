package io.github.dbbackup.jdbc;

import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import javax.sql.DataSource;

/** A {@link DataSource} that opens a new {@link DriverManager} connection to one URL each time. */
final class UrlDataSource {

    private UrlDataSource() {
    }

    static DataSource of(String url) {
        return (DataSource) Proxy.newProxyInstance(UrlDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
                        return DriverManager.getConnection(url);
                    }
                    if (method.getName().equals("toString")) {
                        return "UrlDataSource";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
