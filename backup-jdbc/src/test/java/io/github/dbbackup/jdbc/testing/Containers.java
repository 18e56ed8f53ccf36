package io.github.dbbackup.jdbc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Testcontainers fallback. Cheap and quiet where there is no Docker: it looks for a Docker
 * endpoint (DOCKER_HOST, well-known sockets, ~/.testcontainers.properties) and for Testcontainers
 * on the classpath before asking Testcontainers, which logs loudly when it finds no engine. All
 * references to Testcontainers types live in {@link TestcontainersSupport}, loaded only then.
 */
final class Containers {

    private Containers() {
    }

    static boolean isDockerAvailable(Function<String, String> env) {
        if (!hasDockerEndpoint(env)) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, Containers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            return TestcontainersSupport.isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static boolean hasDockerEndpoint(Function<String, String> env) {
        if (notBlank(env.apply("DOCKER_HOST")) || notBlank(env.apply("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE"))) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        String runtime = env.apply("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        if (notBlank(runtime)) {
            candidates.add(Path.of(runtime, "docker.sock"));
            candidates.add(Path.of(runtime, "podman", "podman.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    static DatabaseServers.Lookup start(DatabaseKind kind) {
        return TestcontainersSupport.start(kind);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
