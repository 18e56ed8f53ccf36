package io.github.dbbackup.core.manifest;

import java.util.Objects;

/**
 * What a backup was taken from. Never holds credentials: {@code location} is masked by the source.
 *
 * @param product the database product name ({@code PostgreSQL}, {@code MariaDB}, {@code H2})
 * @param productVersion the database version string
 * @param dialect the dialect that read it
 * @param schema the schema (or database, for MariaDB) that was backed up
 * @param location where it was, with credentials removed (e.g. a JDBC URL without user or password)
 * @since 0.1
 */
public record SourceInfo(String product, String productVersion, String dialect, String schema, String location) {

    /** Checks the components. */
    public SourceInfo {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(productVersion, "productVersion");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(location, "location");
    }
}
