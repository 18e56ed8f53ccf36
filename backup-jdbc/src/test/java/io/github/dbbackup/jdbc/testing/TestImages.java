package io.github.dbbackup.jdbc.testing;

/**
 * The pinned container images of the Testcontainers fallback, used only where a Docker engine is
 * available and the configured database server is not reachable. Same major versions as the
 * servers on the development and CI machines.
 *
 * @since 0.1
 */
public final class TestImages {

    /** PostgreSQL 15, as on the development and CI machines. */
    public static final String POSTGRES = "postgres:15-alpine";

    /** MariaDB 10.11 LTS, as on the development and CI machines. */
    public static final String MARIADB = "mariadb:10.11";

    /** MinIO, the S3-compatible server of the S3 store's optional Docker-only test. */
    public static final String MINIO = "minio/minio:RELEASE.2025-02-28T09-55-16Z";

    private TestImages() {
    }
}
