package io.github.dbbackup.jdbc.spi;

/**
 * Everything that differs between databases, handed out as facets, one per concern: how a session
 * starts ({@link SessionControl}), what the catalog says ({@link SchemaIntrospection}), how values
 * travel between JDBC and the format ({@link TypeMapping}), the SQL text ({@link SqlGeneration}), how
 * foreign keys and triggers are deferred or bypassed ({@link ConstraintControl}), how sequences are
 * moved ({@link SequenceControl}) and what the role may do ({@link AccessChecks}).
 *
 * <p>Implementations and their facets are stateless and thread-safe; every call of an accessor may
 * return the same instance. Build on {@code GenericDialect} and its generic facets (this module's
 * {@code dialect} package) rather than implementing this from scratch, and register
 * a {@link DialectProvider} to be found from the database's product name.
 *
 * <p>Facet methods may throw {@link java.sql.SQLException}; callers wrap it into
 * {@link io.github.dbbackup.core.BackupDatabaseException} with the SQLState.
 *
 * @since 0.1
 */
public interface Dialect {

    /**
     * Returns the dialect's name, recorded in the manifest ({@code PostgreSQL}, {@code MariaDB}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether this dialect fits the database.
     *
     * @param product what the driver reports
     * @return {@code true} to be chosen
     */
    boolean supports(DatabaseProduct product);

    /**
     * Returns how a connection starts a backup snapshot or a restore transaction.
     *
     * @return the facet
     * @since 0.2
     */
    SessionControl sessions();

    /**
     * Returns what the database's catalog says beyond {@link java.sql.DatabaseMetaData}.
     *
     * @return the facet
     * @since 0.2
     */
    SchemaIntrospection introspection();

    /**
     * Returns how native types map to format value types and how values are read and bound.
     *
     * @return the facet
     * @since 0.2
     */
    TypeMapping types();

    /**
     * Returns how identifiers are quoted and statements are written.
     *
     * @return the facet
     * @since 0.2
     */
    SqlGeneration sql();

    /**
     * Returns how a restore defers or bypasses foreign keys and keeps triggers from firing.
     *
     * @return the facet
     * @since 0.2
     */
    ConstraintControl constraints();

    /**
     * Returns how a restore moves the sequences that feed restored ids.
     *
     * @return the facet
     * @since 0.2
     */
    SequenceControl sequences();

    /**
     * Returns what a restore's role may not do on the target.
     *
     * @return the facet
     * @since 0.2
     */
    AccessChecks access();
}
