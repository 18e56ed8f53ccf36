/**
 * Test support shipped in backup-jdbc's test-jar: {@link io.github.dbbackup.jdbc.testing.WithDatabase}
 * gives a test class a fresh PostgreSQL, MariaDB or H2 database as a
 * {@link io.github.dbbackup.jdbc.testing.TestDatabase} parameter, through
 * {@link io.github.dbbackup.jdbc.testing.TestDatabaseExtension}.
 *
 * <p>Use it from another module with the dependency {@code io.github.dbbackup:backup-jdbc},
 * {@code <type>test-jar</type>}, scope {@code test}, plus the JDBC drivers you test against (and
 * {@code org.testcontainers:testcontainers-postgresql}/{@code -mariadb} for the Docker fallback):
 * a test-jar brings no transitive test dependencies.
 *
 * <p>Stability: test support, internal to the project. Non-null unless documented otherwise.
 */
package io.github.dbbackup.jdbc.testing;
