package io.github.dbbackup.jdbc.testing;

/**
 * The databases a test can ask {@link TestDatabaseExtension} for.
 *
 * @since 0.1
 */
public enum DatabaseKind {
    /**
     * PostgreSQL: a server at {@code DBBACKUP_TEST_POSTGRES_URL} (default
     * {@value TestDatabaseExtension#DEFAULT_POSTGRES_URL}), or a {@link TestImages#POSTGRES} container.
     */
    POSTGRESQL("PostgreSQL"),
    /**
     * MariaDB: a server at {@code DBBACKUP_TEST_MARIADB_URL} (default
     * {@value TestDatabaseExtension#DEFAULT_MARIADB_URL}), or a {@link TestImages#MARIADB} container.
     */
    MARIADB("MariaDB"),
    /** H2 in memory, in this JVM: always available. */
    H2("H2");

    private final String displayName;

    DatabaseKind(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Returns the product name for messages, e.g. {@code PostgreSQL}.
     *
     * @return the name
     */
    public String displayName() {
        return displayName;
    }
}
