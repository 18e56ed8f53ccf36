package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.restore.RestoreMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the database's catalog says beyond {@link java.sql.DatabaseMetaData}: the default schema,
 * whether schemas are catalogs, which tables are base tables, what a backup cannot carry, row
 * estimates, full native types, columns the database sets itself, and foreign keys that reach in
 * from other schemas. Read-only. A facet of {@link Dialect}; stateless and thread-safe.
 *
 * @since 0.2
 */
public interface SchemaIntrospection {

    /**
     * Returns the schema backed up when the host names none (PostgreSQL {@code public} or the
     * current schema, MariaDB the current database, H2 the current schema).
     *
     * @param connection an open connection
     * @return the schema name
     * @throws SQLException when the database fails
     */
    String defaultSchema(Connection connection) throws SQLException;

    /**
     * Returns whether the database calls its namespaces catalogs in {@link java.sql.DatabaseMetaData}
     * (MariaDB/MySQL databases), so introspection passes the schema as the catalog argument.
     *
     * @return {@code true} for catalog-as-schema databases
     */
    default boolean usesCatalogAsSchema() {
        return false;
    }

    /**
     * Returns whether a {@code TABLE_TYPE} from {@link java.sql.DatabaseMetaData#getTables} denotes a
     * base table (never a view).
     *
     * @param tableType the reported type
     * @return {@code true} for base tables
     */
    default boolean isBaseTable(String tableType) {
        return "TABLE".equalsIgnoreCase(tableType) || "BASE TABLE".equalsIgnoreCase(tableType);
    }

    /**
     * Lists what a backup of {@code schema} cannot carry beyond what {@link java.sql.DatabaseMetaData}
     * shows (materialized views, foreign tables and tables without visible columns are found
     * generically): e.g. MariaDB's history rows of system-versioned tables, named
     * {@code "<table> (history)"}. Each entry has the reason and the post-restore action; the plan
     * must classify it ({@link io.github.dbbackup.core.spi.SourceSnapshot#objectsNotCarried()}).
     *
     * @param connection the connection, in its snapshot
     * @param schema the schema
     * @return the objects, empty when none (the default)
     * @throws SQLException when the database fails
     */
    default List<ExcludedTable> objectsNotCarried(Connection connection, String schema) throws SQLException {
        return List.of();
    }

    /**
     * Estimates a table's rows from the database's statistics, without counting.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return the estimate, {@code -1} when unknown (the default)
     * @throws SQLException when the database refuses
     */
    default long estimatedRows(Connection connection, String schema, String table) throws SQLException {
        return -1;
    }

    /**
     * Returns the full native type of each column of a table, as casts need it
     * ({@code numeric(38,10)}, {@code mood[]}); empty when the dialect casts by the reported type name.
     * The restore passes each to {@link SqlGeneration#valueExpression}.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return column name → native type
     * @throws SQLException when the database fails
     */
    default Map<String, String> nativeTypes(Connection connection, String schema, String table) throws SQLException {
        return Map.of();
    }

    /**
     * Returns the columns of a table that a restore in {@code mode} must leave to the database, although
     * the target reports them as ordinary columns (e.g. MariaDB's invisible system-versioning period
     * columns under UPSERT). Empty by default.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param mode the restore mode
     * @return column names
     * @throws SQLException when the database fails
     */
    default Set<String> unwritableColumns(Connection connection, String schema, String table, RestoreMode mode)
            throws SQLException {
        return Set.of();
    }

    /**
     * Lists the foreign keys of tables in every other schema this role can see that reference one of
     * {@code tables} of {@code schema} (a REPLACE restore deletes their rows).
     *
     * @param connection the connection
     * @param schema the restore's schema
     * @param tables tables of {@code schema}
     * @return the keys; empty by default
     * @throws SQLException when the database fails
     */
    default List<ReferencingKey> referencingKeysFromOtherSchemas(Connection connection, String schema, List<String> tables)
            throws SQLException {
        return List.of();
    }
}
