package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.ValueType;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.RestoreSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that differs between databases: how to open a consistent snapshot, how to quote and
 * qualify names, how native types map to format value types, and how values are read. Implementations
 * are stateless and thread-safe. Extend {@link io.github.dbbackup.jdbc.dialect.GenericDialect} rather
 * than implementing this from scratch.
 *
 * <p>Methods may throw {@link SQLException}; callers wrap it into
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
     * Quotes an identifier, escaping embedded quote characters.
     *
     * @param identifier the raw name
     * @return the quoted name
     */
    String quote(String identifier);

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
     * Starts one consistent, read-only snapshot on {@code connection}: after this call every query
     * on the connection sees the same point in time. Must leave auto-commit off.
     *
     * @param connection a fresh connection owned by dbbackup for the snapshot's lifetime
     * @throws SQLException when the database refuses
     */
    void beginSnapshot(Connection connection) throws SQLException;

    /**
     * Exports the snapshot that {@link #beginSnapshot} started, so that other connections can read
     * the same point in time (PostgreSQL: {@code pg_export_snapshot()}). Optional capability: the
     * default returns empty, and parallel export from this database is then refused unless the user
     * accepts an inconsistent set.
     *
     * @param connection the connection in its snapshot transaction
     * @return the snapshot's identifier, empty when the database cannot share a snapshot
     * @throws SQLException when the database refuses
     * @since 0.2
     */
    default Optional<String> exportSnapshot(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Starts, on a fresh connection, a read-only transaction in the snapshot another connection
     * exported (PostgreSQL: {@code SET TRANSACTION SNAPSHOT}). Called only with an identifier that
     * {@link #exportSnapshot} returned, while the exporting transaction is still open.
     *
     * @param connection a fresh connection owned by dbbackup for the snapshot's lifetime
     * @param snapshotId the exported snapshot
     * @throws SQLException when the database refuses
     * @since 0.2
     */
    default void beginSharedSnapshot(Connection connection, String snapshotId) throws SQLException {
        throw new SQLFeatureNotSupportedException("dialect " + name() + " cannot share snapshots");
    }

    /**
     * Estimates a table's rows from the database's statistics, without counting.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return the estimate, {@code -1} when unknown (the default)
     * @throws SQLException when the database refuses
     * @since 0.2
     */
    default long estimatedRows(Connection connection, String schema, String table) throws SQLException {
        return -1;
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
     * @since 0.3
     */
    default List<io.github.dbbackup.core.plan.ExcludedTable> objectsNotCarried(Connection connection, String schema)
            throws SQLException {
        return List.of();
    }

    /**
     * Maps a column's reported type to its format encoding.
     *
     * @param jdbcType the {@link java.sql.Types} code
     * @param typeName the native type name
     * @param size the column size
     * @return the value type; for arrays use {@link #arrayElementType(String)} as well
     */
    ValueType valueType(int jdbcType, String typeName, int size);

    /**
     * Maps an array column's native type name to the encoding of its elements.
     *
     * @param arrayTypeName the native array type name ({@code _int4}, {@code INTEGER ARRAY})
     * @return the element value type, never {@link ValueType#ARRAY}
     */
    ValueType arrayElementType(String arrayTypeName);

    /**
     * Returns the FROM clause naming one table of the schema (PostgreSQL adds {@code ONLY} so that
     * inheritance children are not exported a second time through their parent).
     *
     * @param schema the schema
     * @param table the table
     * @return SQL text
     */
    String fromClause(String schema, String table);

    /**
     * Returns the select-list expression reading one column; e.g. a cast to text for values the
     * driver cannot represent otherwise.
     *
     * @param column the column
     * @return SQL text
     */
    default String selectExpression(ColumnSchema column) {
        return quote(column.name());
    }

    /**
     * Builds the query that streams the rows of one table.
     *
     * @param schema the schema
     * @param table the table
     * @param columns the columns, in output order
     * @param orderBy the columns to order by, empty for none
     * @param rowFilter a trusted SQL predicate, empty for none
     * @return the SQL
     */
    default String selectRows(String schema, String table, List<ColumnSchema> columns, List<String> orderBy,
            String rowFilter) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(selectExpression(columns.get(i)));
        }
        sql.append(" FROM ").append(fromClause(schema, table));
        if (!rowFilter.isBlank()) {
            sql.append(" WHERE (").append(rowFilter).append(')');
        }
        for (int i = 0; i < orderBy.size(); i++) {
            sql.append(i == 0 ? " ORDER BY " : ", ").append(quote(orderBy.get(i)));
        }
        return sql.toString();
    }

    /**
     * Returns the fetch size that makes the driver stream rows instead of loading the result.
     *
     * @return rows per round trip (default 1000)
     */
    default int fetchSize() {
        return 1000;
    }

    /**
     * Reads one value of the current row as the Java type its {@link ValueType} documents.
     *
     * @param rs the result set, on a row
     * @param index the 1-based column index
     * @param column the column
     * @return the value, {@code null} for SQL NULL
     * @throws SQLException when the driver fails
     */
    Object readValue(ResultSet rs, int index, ColumnSchema column) throws SQLException;

    // ---- restore ---------------------------------------------------------------------------

    /**
     * Returns a table's name qualified by its schema, quoted, for DML.
     *
     * @param schema the schema, empty for none
     * @param table the table
     * @return SQL text
     */
    default String qualify(String schema, String table) {
        return schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /**
     * Prepares a connection for a restore transaction (auto-commit off, session settings such as a
     * UTC time zone).
     *
     * @param connection a fresh connection owned by dbbackup for the restore
     * @throws SQLException when the database refuses
     */
    default void beginRestore(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Returns the full native type of each column of a table, as casts need it
     * ({@code numeric(38,10)}, {@code mood[]}); empty when the dialect casts by the reported type name.
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
     * Returns the placeholder expression for a value written into {@code column}: {@code ?}, or a
     * cast such as {@code CAST(? AS mood)} for values restored from their text form.
     *
     * @param column the target column
     * @param nativeType its full native type from {@link #nativeTypes}, or {@code null}
     * @return SQL text with exactly one {@code ?}
     */
    default String valueExpression(ColumnSchema column, String nativeType) {
        return "?";
    }

    /**
     * Binds one value for {@code column} at {@code index}.
     *
     * @param ps the statement
     * @param index the 1-based parameter index
     * @param column the target column
     * @param value the decoded value (Java type per {@link ValueType}) or {@code null}
     * @param valueExpression the column's placeholder expression from {@link #valueExpression}, computed
     *     once per statement (a cast means the value is bound as text)
     * @throws SQLException when the driver refuses
     */
    void bind(PreparedStatement ps, int index, ColumnSchema column, Object value, String valueExpression) throws SQLException;

    /**
     * Builds the INSERT (or, for UPSERT, the merge) of {@code rows} rows in one statement.
     *
     * @param qualifiedTable the quoted, qualified table
     * @param columns the quoted column names
     * @param values the value expressions of one row, aligned with {@code columns}
     * @param rows how many rows the statement inserts (the VALUES list repeats {@code values})
     * @param mode the restore mode
     * @param primaryKey the quoted primary key columns (UPSERT merges on them)
     * @param hasIdentity whether the table has an identity/auto-increment column given explicit values
     * @return the SQL
     * @throws UnsupportedOperationException when the dialect cannot merge (UPSERT)
     */
    default String insertSql(String qualifiedTable, List<String> columns, List<String> values, int rows, RestoreMode mode,
            List<String> primaryKey, boolean hasIdentity) {
        if (mode == RestoreMode.UPSERT) {
            throw new UnsupportedOperationException("dialect " + name() + " cannot UPSERT; use EMPTY_ONLY or REPLACE");
        }
        return "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") VALUES " + valuesRows(values, rows);
    }

    /**
     * Returns {@code (v1, v2), (v1, v2), …} with {@code rows} tuples.
     *
     * @param values the value expressions of one row
     * @param rows the number of rows
     * @return SQL text
     */
    static String valuesRows(List<String> values, int rows) {
        String tuple = "(" + String.join(", ", values) + ")";
        StringBuilder sb = new StringBuilder(rows * (tuple.length() + 2));
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sb.toString();
    }

    /**
     * Returns whether a foreign key is deferrable.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the referencing table
     * @param fk the foreign key
     * @return {@code true} when it can be deferred to commit
     * @throws SQLException when the database fails
     */
    default boolean isDeferrable(Connection connection, String schema, String table, ForeignKey fk) throws SQLException {
        return false;
    }

    /**
     * Defers deferrable constraints to commit.
     *
     * @param connection the connection
     * @throws SQLException when the database refuses
     */
    default void deferConstraints(Connection connection) throws SQLException {
        throw new SQLException("dialect " + name() + " cannot defer constraints");
    }

    /**
     * Returns the ways this role may bypass foreign keys for NOT NULL cycles, in preference order.
     *
     * @param connection the connection
     * @return strategies, empty when none
     * @throws SQLException when the database fails
     */
    default List<CycleStrategy> bypassStrategies(Connection connection) throws SQLException {
        return List.of();
    }

    /**
     * Stops enforcing foreign keys with {@code strategy} inside the transaction.
     *
     * @param connection the connection
     * @param strategy one of {@link #bypassStrategies}
     * @param schema the schema
     * @param foreignKeys the foreign keys by referencing table
     * @return statements that undo the bypass at the end of the restore, in order
     * @throws SQLException when the database refuses
     */
    default List<String> bypassForeignKeys(Connection connection, CycleStrategy strategy, String schema,
            Map<String, List<ForeignKey>> foreignKeys) throws SQLException {
        throw new SQLException("dialect " + name() + " cannot bypass foreign keys with " + strategy);
    }

    /**
     * Keeps user triggers of a table from firing for the rest of the transaction.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return the statement that re-enables them, or {@code null} when they could not be disabled
     *     and the table has triggers; an empty string when the table has none
     * @throws SQLException when the database fails
     */
    default String disableTriggers(Connection connection, String schema, String table) throws SQLException {
        return "";
    }

    /**
     * Returns the user triggers of a table that this database cannot keep from firing in a restore
     * session, each as {@code name (TIMING EVENT)}; the preflight refuses them when triggers are to be
     * kept from firing. Empty by default (triggers are switched off by {@link #disableTriggers}, or the
     * dialect reports them there).
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return trigger descriptions, empty when none
     * @throws SQLException when the database fails
     * @since 0.2
     */
    default List<String> triggersThatKeepFiring(Connection connection, String schema, String table) throws SQLException {
        return List.of();
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
     * @since 0.2
     */
    default java.util.Set<String> unwritableColumns(Connection connection, String schema, String table, RestoreMode mode)
            throws SQLException {
        return java.util.Set.of();
    }

    /**
     * Moves the sequences, identities and auto-increments that feed a table's columns past their
     * maxima.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param columns the table's columns
     * @param afterCommit collects statements that must run after commit (DDL that would commit the
     *     transaction early)
     * @return one description per sequence
     * @throws SQLException when the database fails
     */
    default List<String> resetSequences(Connection connection, String schema, String table, List<ColumnSchema> columns,
            List<String> afterCommit) throws SQLException {
        return List.of();
    }

    /**
     * A foreign key of a table in another schema that references a table of the restore's schema.
     *
     * @param schema the referencing table's schema (or database)
     * @param table the referencing table
     * @param foreignKey the constraint; its {@code referencedTable} is in the restore's schema
     * @since 0.2
     */
    record ReferencingKey(String schema, String table, ForeignKey foreignKey) {
        /** Checks the fields. */
        public ReferencingKey {
            java.util.Objects.requireNonNull(schema, "schema");
            java.util.Objects.requireNonNull(table, "table");
            java.util.Objects.requireNonNull(foreignKey, "foreignKey");
        }
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
     * @since 0.2
     */
    default List<ReferencingKey> referencingKeysFromOtherSchemas(Connection connection, String schema, List<String> tables)
            throws SQLException {
        return List.of();
    }

    /**
     * Returns which of {@code privileges} the connection's role lacks on a table.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param privileges the privileges a restore step needs
     * @return the missing ones; empty by default (unknown: the database reports them when writing)
     * @throws SQLException when the database fails
     * @since 0.2
     */
    default Set<RestoreSession.TablePrivilege> missingPrivileges(Connection connection, String schema, String table,
            Set<RestoreSession.TablePrivilege> privileges) throws SQLException {
        return Set.of();
    }

    /**
     * Returns the sequences feeding {@code columns} that the role may not move with
     * {@link #resetSequences}.
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @param columns its columns
     * @return one description per sequence ({@code "users.id: sequence public.users_id_seq"}); empty by default
     * @throws SQLException when the database fails
     * @since 0.2
     */
    default List<String> sequencesThatCannotBeMoved(Connection connection, String schema, String table,
            List<ColumnSchema> columns) throws SQLException {
        return List.of();
    }

    /**
     * Returns the ways this role may bypass the foreign keys of {@code tables}: {@link #bypassStrategies(Connection)}
     * without those that need privileges the role lacks on them.
     *
     * @param connection the connection
     * @param schema the schema
     * @param tables the referencing tables
     * @return strategies, empty when none
     * @throws SQLException when the database fails
     * @since 0.2
     */
    default List<CycleStrategy> bypassStrategies(Connection connection, String schema, List<String> tables)
            throws SQLException {
        return bypassStrategies(connection);
    }

    /**
     * Returns whether row-level security applies to the connection's role on a table (then a bulk
     * loader such as {@code COPY FROM} cannot write it, and counts see only what policies show).
     *
     * @param connection the connection
     * @param schema the schema
     * @param table the table
     * @return {@code true} when policies apply; {@code false} by default
     * @throws SQLException when the database fails
     * @since 0.2
     */
    default boolean isRowSecurityActive(Connection connection, String schema, String table) throws SQLException {
        return false;
    }
}
