package io.github.dbbackup.jdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.opentest4j.TestAbortedException;

/**
 * Finds the server of a {@link DatabaseKind}: the configured one if it answers, else a container
 * where Docker is available, else nothing — which fails the test class in CI and skips it elsewhere.
 */
final class DatabaseServers {

    private DatabaseServers() {
    }

    /**
     * What looking for a server found: a server (perhaps a container, stopped on {@link #close()})
     * or why there is none. Cached once per JVM by the extension.
     */
    static final class Lookup implements AutoCloseable {
        private final DatabaseServer server;
        private final String unavailable;
        private final boolean misconfigured;
        private final Runnable stopContainer;

        private Lookup(DatabaseServer server, String unavailable, boolean misconfigured, Runnable stopContainer) {
            this.server = server;
            this.unavailable = unavailable;
            this.misconfigured = misconfigured;
            this.stopContainer = stopContainer;
        }

        /** A server; {@code stopContainer} (or {@code null}) stops the container it runs in. */
        static Lookup found(DatabaseServer server, Runnable stopContainer) {
            return new Lookup(Objects.requireNonNull(server, "server"), null, false, stopContainer);
        }

        /** The server does not answer: a failure in CI, a skip elsewhere. */
        static Lookup unavailable(String message) {
            return new Lookup(null, Objects.requireNonNull(message, "message"), false, null);
        }

        /** The test setup is wrong (e.g. no driver): a failure everywhere. */
        static Lookup misconfigured(String message) {
            return new Lookup(null, Objects.requireNonNull(message, "message"), true, null);
        }

        /**
         * Returns the server, or throws: for a broken setup or in CI ({@code CI=true}) an
         * {@link IllegalStateException} that fails the test class, elsewhere a
         * {@link TestAbortedException} that skips it.
         */
        DatabaseServer require(Function<String, String> env) {
            if (server != null) {
                return server;
            }
            if (misconfigured) {
                throw new IllegalStateException(unavailable);
            }
            if (isCi(env)) {
                throw new IllegalStateException(unavailable
                        + " CI=true, so a missing database is a failure, not a skip.");
            }
            throw new TestAbortedException(unavailable + " Skipping the test class (it would fail with CI=true).");
        }

        /** Stops the container, if any; JUnit calls it when the root context closes. */
        @Override
        public void close() {
            if (stopContainer != null) {
                stopContainer.run();
            }
        }
    }

    static boolean isCi(Function<String, String> env) {
        return "true".equalsIgnoreCase(env.apply("CI"));
    }

    /** Looks for the server of {@code kind}; never throws for an unreachable server. */
    static Lookup lookup(DatabaseKind kind, Function<String, String> env) {
        return lookup(kind, env, () -> Containers.isDockerAvailable(env));
    }

    /** As {@link #lookup(DatabaseKind, Function)}, asking {@code dockerAvailable} only when needed. */
    static Lookup lookup(DatabaseKind kind, Function<String, String> env, BooleanSupplier dockerAvailable) {
        if (kind == DatabaseKind.H2) {
            return Lookup.found(DatabaseServer.h2(), null);
        }
        String variable = urlVariable(kind);
        String configured = env.apply(variable);
        String url = configured == null || configured.isBlank() ? defaultUrl(kind) : configured.strip();
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            return Lookup.misconfigured("No JDBC driver on the test classpath accepts " + JdbcUrls.mask(url)
                    + " (from " + variable + "); add the " + kind.displayName()
                    + " driver as a test dependency.");
        }
        DatabaseServer server = DatabaseServer.of(kind, url, JdbcUrls.parameter(url, "user").orElse(""),
                JdbcUrls.parameter(url, "password").orElse(""),
                JdbcUrls.mask(url) + (configured == null ? " (default)" : " (" + variable + ")"));
        SQLException failure;
        try (Connection connection = server.openAdminConnection()) {
            if (connection.isValid(5)) {
                return Lookup.found(server, null);
            }
            failure = new SQLException("connection is not valid");
        } catch (SQLException e) {
            failure = e;
        }
        if (dockerAvailable.getAsBoolean()) {
            return Containers.start(kind);
        }
        return Lookup.unavailable(unavailableMessage(kind, url, failure));
    }

    static String unavailableMessage(DatabaseKind kind, String url, SQLException failure) {
        return kind.displayName() + " is not reachable at " + JdbcUrls.mask(url) + " (" + failure.getMessage()
                + ") and no Docker engine is available for a Testcontainers fallback (" + image(kind) + "). "
                + "Start the server with `" + startCommand(kind) + "`, or set " + urlVariable(kind)
                + " to the JDBC URL of a server where the user may CREATE DATABASE, e.g. " + defaultUrl(kind) + ".";
    }

    static String urlVariable(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> TestDatabaseExtension.POSTGRES_URL_ENV;
            case MARIADB -> TestDatabaseExtension.MARIADB_URL_ENV;
            case H2 -> throw new IllegalArgumentException("H2 needs no server");
        };
    }

    static String defaultUrl(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> TestDatabaseExtension.DEFAULT_POSTGRES_URL;
            case MARIADB -> TestDatabaseExtension.DEFAULT_MARIADB_URL;
            case H2 -> throw new IllegalArgumentException("H2 needs no server");
        };
    }

    static String startCommand(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
            case MARIADB -> "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
            case H2 -> throw new IllegalArgumentException("H2 needs no server");
        };
    }

    static String image(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> TestImages.POSTGRES;
            case MARIADB -> TestImages.MARIADB;
            case H2 -> throw new IllegalArgumentException("H2 needs no image");
        };
    }
}
