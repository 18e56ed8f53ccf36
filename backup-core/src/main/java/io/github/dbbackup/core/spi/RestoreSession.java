package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One restore transaction on the target. Core decides order and strategy; the session does what
 * its database needs for each step. Every write happens inside the one transaction: if
 * {@link #commit()} is not reached, {@link #close()} rolls everything back and the target is as it
 * was. Not thread-safe. Methods throw {@link io.github.dbbackup.core.BackupException} subtypes.
 *
 * @since 0.1
 */
public interface RestoreSession extends AutoCloseable {

    /**
     * Describes the target, without credentials.
     *
     * @return the target
     */
    SourceInfo info();

    /**
     * Lists the target's base tables with columns and keys, as a backup source would.
     *
     * @return the tables, sorted by name
     */
    List<TableSchema> tables();

    /**
     * Counts the rows of a table.
     *
     * @param table the table
     * @return rows
     */
    long countRows(String table);

    /**
     * Counts the rows of {@code table} whose foreign key {@code fk} is set (all columns non-null).
     *
     * @param table the referencing table
     * @param fk one of its foreign keys
     * @return rows
     */
    long countReferencingRows(String table, ForeignKey fk);

    /**
     * Returns whether a foreign key can be deferred to commit.
     *
     * @param table the referencing table
     * @param fk the foreign key
     * @return {@code true} when deferrable
     */
    boolean isDeferrable(String table, ForeignKey fk);

    /**
     * Returns the strategies this database and role offer for cycles that NULL cannot break
     * (in order of preference), empty when there is none.
     *
     * @return strategies among REPLICATION_ROLE, DROP_AND_RECREATE, FOREIGN_KEY_CHECKS_OFF, REFERENTIAL_INTEGRITY_OFF
     */
    List<CycleStrategy> bypassStrategies();

    /**
     * Returns the strategies this database and role offer for cycles among {@code tables} that NULL
     * cannot break: like {@link #bypassStrategies()}, without the ones that need privileges this role
     * lacks on these tables (dropping and re-adding a foreign key needs the table's ownership).
     *
     * @param tables the tables of the cycle
     * @return strategies, empty when none; by default {@link #bypassStrategies()}
     * @since 0.2
     */
    default List<CycleStrategy> bypassStrategies(List<String> tables) {
        return bypassStrategies();
    }

    /**
     * Keeps user triggers of the tables from firing until {@link #finish()}.
     *
     * @param tables the tables
     * @return the tables whose triggers could not be disabled (the report warns about them)
     */
    List<String> disableTriggers(List<String> tables);

    /**
     * Returns the user triggers of a table that this session cannot keep from firing, each as
     * {@code name (TIMING EVENT)}. When triggers are to be kept from firing, the preflight refuses a
     * restore into a table that has any, before anything is written. Empty by default.
     *
     * @param table the table
     * @return trigger descriptions, empty when none
     * @since 0.2
     */
    default List<String> triggersThatKeepFiring(String table) {
        return List.of();
    }

    /** Defers all deferrable constraints to commit. */
    void deferConstraints();

    /**
     * Stops enforcing the given foreign keys until {@link #finish()}, with {@code strategy}.
     *
     * @param strategy one of {@link #bypassStrategies()}
     * @param foreignKeys the foreign keys by referencing table
     */
    void bypassForeignKeys(CycleStrategy strategy, Map<String, List<ForeignKey>> foreignKeys);

    /**
     * Stops checking the given foreign keys row by row during the load and checks them once, in bulk,
     * in {@link #finish()} (PostgreSQL: constraints dropped and re-added, which validates them in one
     * pass, as {@code pg_restore} does), if this role may; otherwise changes nothing.
     *
     * @param foreignKeys the foreign keys by referencing table
     * @return whether the checks were deferred
     */
    default boolean deferForeignKeyChecks(Map<String, List<ForeignKey>> foreignKeys) {
        return false;
    }

    /**
     * Sets columns of every row of a table to NULL (to break a cycle before deleting).
     *
     * @param table the table
     * @param columns nullable columns
     */
    void nullColumns(String table, List<String> columns);

    /**
     * Deletes every row of a table.
     *
     * @param table the table
     */
    void deleteAll(String table);

    /**
     * Opens a sink inserting rows (or merging them by primary key for UPSERT).
     *
     * @param table the target table
     * @param columns the target columns the values go to, in value order
     * @param mode EMPTY_ONLY/REPLACE insert, UPSERT merges
     * @param primaryKey the key UPSERT merges on
     * @param constants columns that receive one constant text value in every row (placeholders of
     *     excluded columns), cast to the column type
     * @return the sink; the caller closes it
     */
    RowSink insert(String table, List<ColumnSchema> columns, RestoreMode mode, List<String> primaryKey,
            Map<ColumnSchema, String> constants);

    /**
     * Opens a sink updating {@code setColumns} of rows found by {@code keyColumns}; values are the
     * key values followed by the set values.
     *
     * @param table the target table
     * @param keyColumns the primary key columns
     * @param setColumns the columns to set
     * @return the sink; the caller closes it
     */
    RowSink update(String table, List<ColumnSchema> keyColumns, List<ColumnSchema> setColumns);

    /**
     * Re-enables what {@link #disableTriggers}, {@link #bypassForeignKeys} did (re-adding dropped
     * constraints, which validates them), still inside the transaction.
     */
    void finish();

    /**
     * Counts rows of {@code table} whose foreign key {@code fk} points at no row.
     *
     * @param table the referencing table
     * @param fk the foreign key
     * @return violating rows
     */
    long countForeignKeyViolations(String table, ForeignKey fk);

    /**
     * Moves every sequence, identity or auto-increment that feeds a column of {@code table} past the
     * column's maximum, and never lowers one: a sequence that feeds several tables, or that is already
     * further, ends at the greatest of its current value and every maximum.
     *
     * @param table the table
     * @param columns its columns in the target
     * @return one line per sequence moved ({@code "users.id: sequence users_id_seq → 15"})
     */
    List<String> resetSequences(String table, List<ColumnSchema> columns);

    /**
     * Returns the columns of the target that are filled by the database and must not be written.
     *
     * @param table the table
     * @return generated column names
     */
    default Set<String> generatedColumns(String table) {
        return Set.of();
    }

    /**
     * Describes how rows were written, for the report ({@code "3 tables loaded with PostgreSQL COPY"}).
     *
     * @return lines, empty by default
     */
    default List<String> writeNotes() {
        return List.of();
    }

    /**
     * A foreign key of a table outside this session's schema (another schema, or another database of
     * the same server) that references one of the restored tables.
     *
     * @param table the referencing table, qualified with its schema ({@code audit.logins})
     * @param constraint the constraint's name
     * @param columns the referencing columns
     * @param referencedTable the restored table it references
     * @param rows the rows of {@code table} whose key is set, {@code -1} when this role cannot count them
     * @since 0.2
     */
    record OutsideReference(String table, String constraint, List<String> columns, String referencedTable, long rows) {
        /** Checks the fields. */
        public OutsideReference {
            java.util.Objects.requireNonNull(table, "table");
            java.util.Objects.requireNonNull(constraint, "constraint");
            columns = List.copyOf(columns);
            java.util.Objects.requireNonNull(referencedTable, "referencedTable");
        }
    }

    /**
     * Lists the foreign keys, in every other schema (or database) this role can see, that reference
     * one of {@code tables}, with the number of rows that reference through each. REPLACE deletes
     * the rows of {@code tables}: such rows would block it, or be deleted with them by
     * {@code ON DELETE CASCADE}. Tables of this session's own schema are not listed (core reads them
     * from {@link #tables()}).
     *
     * @param tables restored tables of this session's schema
     * @return the references, empty by default
     * @since 0.2
     */
    default List<OutsideReference> referencesFromOtherSchemas(List<String> tables) {
        return List.of();
    }

    /** Privileges a restore step needs on a table. */
    enum TablePrivilege {
        /** Reading rows (counts and checks). */
        SELECT,
        /** Writing rows. */
        INSERT,
        /** Merging (UPSERT) and setting cycle columns after the insert. */
        UPDATE,
        /** Emptying a table (REPLACE). */
        DELETE
    }

    /**
     * Returns which of {@code privileges} this role lacks on {@code table}, so that a dry run fails
     * where the restore would.
     *
     * @param table the table
     * @param privileges what the restore will do to it
     * @return the missing ones; empty by default (the database reports them when writing)
     * @since 0.2
     */
    default Set<TablePrivilege> missingPrivileges(String table, Set<TablePrivilege> privileges) {
        return Set.of();
    }

    /**
     * Returns the sequences feeding columns of {@code table} that this role may not move past the
     * restored maximum (which {@link #resetSequences} does).
     *
     * @param table the table
     * @param columns its columns in the target
     * @return descriptions such as {@code "users.id: sequence public.users_id_seq"}; empty by default
     * @since 0.2
     */
    default List<String> sequencesThatCannotBeMoved(String table, List<ColumnSchema> columns) {
        return List.of();
    }

    /**
     * Returns whether row-level security filters what this role sees and writes in {@code table}
     * (PostgreSQL: policies apply unless the role owns the table without {@code FORCE}, or is a
     * superuser or {@code BYPASSRLS}).
     *
     * @param table the table
     * @return {@code true} when policies apply; {@code false} by default
     * @since 0.2
     */
    default boolean isRowSecurityActive(String table) {
        return false;
    }

    /** Commits the transaction. */
    void commit();

    /** Rolls back (if not committed) and releases the connection. */
    @Override
    void close();
}
