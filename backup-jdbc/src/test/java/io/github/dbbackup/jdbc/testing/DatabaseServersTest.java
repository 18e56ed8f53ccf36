package io.github.dbbackup.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class DatabaseServersTest {

    /** Nothing listens on port 1. */
    private static final String DEAD_POSTGRES = "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=s3cret";
    private static final String DEAD_MARIADB = "jdbc:mariadb://127.0.0.1:1/test?user=root";

    private static Function<String, String> env(Map<String, String> values) {
        return values::get;
    }

    @Test
    void unreachableServerFailsTheClassInCi() {
        Function<String, String> env = env(Map.of(TestDatabaseExtension.POSTGRES_URL_ENV, DEAD_POSTGRES, "CI", "true"));
        DatabaseServers.Lookup lookup = DatabaseServers.lookup(DatabaseKind.POSTGRESQL, env, () -> false);

        assertThatThrownBy(() -> lookup.require(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is not reachable at jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&password=****")
                .hasMessageContaining("DBBACKUP_TEST_POSTGRES_URL")
                .hasMessageContaining("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start")
                .hasMessageContaining("CI=true")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unreachableServerSkipsTheClassOutsideCi() {
        Function<String, String> env = env(Map.of(TestDatabaseExtension.MARIADB_URL_ENV, DEAD_MARIADB, "CI", "false"));
        DatabaseServers.Lookup lookup = DatabaseServers.lookup(DatabaseKind.MARIADB, env, () -> false);

        assertThatThrownBy(() -> lookup.require(env))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("MariaDB is not reachable at " + DEAD_MARIADB)
                .hasMessageContaining("DBBACKUP_TEST_MARIADB_URL")
                .hasMessageContaining("start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd")
                .hasMessageContaining("Skipping");
    }

    @Test
    void urlWithoutADriverFailsEvenOutsideCi() {
        Function<String, String> env = env(Map.of(TestDatabaseExtension.POSTGRES_URL_ENV, "jdbc:nosuchdb://h/x"));

        assertThatThrownBy(() -> DatabaseServers.lookup(DatabaseKind.POSTGRESQL, env, () -> false).require(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No JDBC driver on the test classpath accepts jdbc:nosuchdb://h/x");
    }

    @Test
    void h2IsAlwaysFound() {
        Function<String, String> env = env(Map.of("CI", "true"));

        DatabaseServers.Lookup lookup = DatabaseServers.lookup(DatabaseKind.H2, env, () -> {
            throw new AssertionError("H2 must not look for Docker");
        });

        assertThat(lookup.require(env).kind()).isEqualTo(DatabaseKind.H2);
    }

    @Test
    void ciMeansTheValueTrueInAnyCase() {
        assertThat(DatabaseServers.isCi(env(Map.of("CI", "TRUE")))).isTrue();
        assertThat(DatabaseServers.isCi(env(Map.of("CI", "1")))).isFalse();
        assertThat(DatabaseServers.isCi(env(Map.of()))).isFalse();
    }

    @Test
    void dockerEndpointIsLookedForInTheEnvironmentFirst() {
        assertThat(Containers.hasDockerEndpoint(env(Map.of("DOCKER_HOST", "tcp://docker.example:2375")))).isTrue();
    }
}
