package io.github.dbbackup.examples.micronaut;

import io.micronaut.runtime.Micronaut;

/**
 * Starts the service: {@code java -jar examples/micronaut-service/target/dbbackup-micronaut-example.jar}.
 * Configuration is in {@code application.yml}; the module README lists the environment variables.
 */
public final class Application {

    private Application() {
    }

    /**
     * Starts the service.
     *
     * @param args command-line arguments, passed to Micronaut ({@code -micronaut.server.port=9090})
     */
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
