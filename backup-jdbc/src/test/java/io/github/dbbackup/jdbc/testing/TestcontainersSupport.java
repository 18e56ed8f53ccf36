package io.github.dbbackup.jdbc.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Everything that touches Testcontainers types; loaded only once Testcontainers is known present. */
final class TestcontainersSupport {

    private TestcontainersSupport() {
    }

    static boolean isDockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the pinned container of {@code kind}; a start failure fails the test class. */
    static DatabaseServers.Lookup start(DatabaseKind kind) {
        JdbcDatabaseContainer<?> container = switch (kind) {
            case POSTGRESQL -> new PostgreSQLContainer(DockerImageName.parse(TestImages.POSTGRES));
            // root may CREATE DATABASE; the image's MARIADB_USER may not
            case MARIADB -> new MariaDBContainer(DockerImageName.parse(TestImages.MARIADB))
                    .withUsername("root")
                    .withPassword("test");
            case H2 -> throw new IllegalArgumentException("H2 runs in memory");
        };
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("Could not start the " + kind.displayName() + " container "
                    + DatabaseServers.image(kind) + " although Docker is available: " + e.getMessage(), e);
        }
        DatabaseServer server = DatabaseServer.of(kind, container.getJdbcUrl(), container.getUsername(),
                container.getPassword(), "container " + DatabaseServers.image(kind));
        return DatabaseServers.Lookup.found(server, container::stop);
    }
}
