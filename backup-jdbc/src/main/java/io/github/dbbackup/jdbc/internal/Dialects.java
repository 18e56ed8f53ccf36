package io.github.dbbackup.jdbc.internal;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.dialect.h2.H2Dialect;
import io.github.dbbackup.jdbc.dialect.mariadb.MariaDbDialect;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import io.github.dbbackup.jdbc.spi.DialectProvider;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a dialect: the one the host passed; else the built-ins in a fixed order (MariaDB — which
 * also covers MySQL — before PostgreSQL and H2); else third-party {@link DialectProvider}s found by
 * {@link ServiceLoader}; else the generic fallback, with a warning.
 */
public final class Dialects {
    private static final Logger LOG = LoggerFactory.getLogger(Dialects.class);

    private Dialects() {
    }

    /**
     * Returns the built-in dialects in matching order.
     *
     * @return the dialects
     */
    public static List<Dialect> builtIns() {
        return List.of(new MariaDbDialect(), new PostgreSqlDialect(), new H2Dialect());
    }

    /**
     * Reads the product from metadata, defensively (a driver may throw on optional methods).
     *
     * @param meta the metadata
     * @return the product
     */
    public static DatabaseProduct product(DatabaseMetaData meta) {
        String name = safe(() -> meta.getDatabaseProductName(), "unknown");
        String version = safe(() -> meta.getDatabaseProductVersion(), "");
        int major = safe(() -> meta.getDatabaseMajorVersion(), 0);
        int minor = safe(() -> meta.getDatabaseMinorVersion(), 0);
        return new DatabaseProduct(name, version, major, minor);
    }

    /**
     * Selects the dialect for a product.
     *
     * @param product the product
     * @param explicit the host's choice, or {@code null}
     * @return the dialect
     * @throws BackupConfigurationException when several third-party providers match
     */
    public static Dialect select(DatabaseProduct product, Dialect explicit) {
        if (explicit != null) {
            return explicit;
        }
        for (Dialect d : builtIns()) {
            if (d.supports(product)) {
                return d;
            }
        }
        List<Dialect> matches = new ArrayList<>();
        Iterator<DialectProvider> it = ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                Dialect d = it.next().create();
                if (d.supports(product)) {
                    matches.add(d);
                }
            } catch (ServiceConfigurationError | RuntimeException e) {
                LOG.warn("A DialectProvider failed to load and is skipped: {}", e.toString());
            }
        }
        if (matches.size() > 1) {
            throw new BackupConfigurationException("Several dialects support " + product.name() + ": "
                    + matches.stream().map(d -> d.getClass().getName()).toList()
                    + "; choose one with JdbcSource.builder(dataSource).dialect(...)");
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        LOG.warn("No dialect supports database product '{}' {}; using the generic JDBC dialect. Searched the built-in"
                + " dialects (MariaDB/MySQL, PostgreSQL, H2) and DialectProviders on the class path; pass one with"
                + " JdbcSource.builder(dataSource).dialect(...) to choose", product.name(), product.version());
        return new GenericDialect();
    }

    private interface SqlSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T safe(SqlSupplier<T> supplier, T fallback) {
        try {
            T value = supplier.get();
            return value == null ? fallback : value;
        } catch (Exception | AbstractMethodError e) {
            return fallback;
        }
    }

    /**
     * Finds a bulk loader on the class path that supports the connection.
     *
     * @param connection the restore connection
     * @param dialect its dialect
     * @return the loader, or {@code null} when none applies
     */
    public static io.github.dbbackup.jdbc.spi.BulkLoader bulkLoader(java.sql.Connection connection, Dialect dialect) {
        Iterator<io.github.dbbackup.jdbc.spi.BulkLoaderProvider> it = ServiceLoader.load(
                io.github.dbbackup.jdbc.spi.BulkLoaderProvider.class, Dialects.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return null;
                }
                io.github.dbbackup.jdbc.spi.BulkLoader loader = it.next().create();
                if (loader.supports(connection, dialect)) {
                    return loader;
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.warn("A BulkLoaderProvider failed to load and is skipped: {}", e.toString());
            }
        }
    }
}
