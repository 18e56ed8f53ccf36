package io.github.dbbackup.jdbc.spi;

import java.util.Objects;

/**
 * What {@link java.sql.DatabaseMetaData} says the database is; dialects are chosen from it.
 *
 * @param name the product name ({@code PostgreSQL}, {@code MariaDB}, {@code MySQL}, {@code H2})
 * @param version the product version string
 * @param majorVersion the major version, 0 when the driver does not say
 * @param minorVersion the minor version, 0 when the driver does not say
 * @since 0.1
 */
public record DatabaseProduct(String name, String version, int majorVersion, int minorVersion) {

    /** Checks the components. */
    public DatabaseProduct {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
