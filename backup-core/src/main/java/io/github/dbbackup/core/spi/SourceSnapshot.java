package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.ExcludedTable;
import java.util.List;
import java.util.Optional;

/**
 * One consistent read-only view of the source: every table and every row read through it belongs
 * to the same point in time. Not thread-safe. The caller must close it.
 *
 * @since 0.1
 */
public interface SourceSnapshot extends AutoCloseable {

    /**
     * Describes the source, without credentials.
     *
     * @return the source
     */
    SourceInfo info();

    /**
     * Lists every base table in scope (never views), with all columns, primary and foreign keys.
     *
     * @return the tables, sorted by name
     */
    List<TableSchema> tables();

    /**
     * Lists what is in scope but cannot be carried as rows of a base table, each with why and what
     * to do after a restore: materialized views ({@code REFRESH MATERIALIZED VIEW …}), tables without
     * a column visible to this role, the history rows of a system-versioned table (named
     * {@code "<table> (history)"}). The backup treats them as tables the plan must classify: a strict
     * plan fails on one it does not exclude, a non-strict plan records it among the excluded tables
     * with this reason and action. Optional capability: the default reports none.
     *
     * @return the objects, sorted by name; their names never equal a name of {@link #tables()},
     *     except as {@code "<table> (history)"}
     * @since 0.3
     */
    default List<ExcludedTable> objectsNotCarried() {
        return List.of();
    }

    /**
     * Checks, before any row is read, that this snapshot reads every row and every column of each
     * table: it fails, naming the table, when the source would silently return fewer (row-level
     * security filtering the rows, privileges hiding columns). Called once per backup with the
     * tables the plan includes, as {@link #tables()} described them. Optional capability: the
     * default checks nothing.
     *
     * @param tables the tables to be read, with all their columns
     * @throws io.github.dbbackup.core.BackupException naming the first table that cannot be read in full
     * @since 0.3
     */
    default void checkReadable(List<TableSchema> tables) {
    }

    /**
     * Opens a cursor over the rows of one table. Only one cursor is open at a time. A source that
     * reports {@link #keySpan} must honour the query's {@link RowQuery#range() range}.
     *
     * @param query what to read
     * @return the cursor; the caller must close it
     */
    RowCursor rows(RowQuery query);

    /**
     * Opens another snapshot, on its own connection, that sees exactly the same data as this one,
     * so that several threads can export one point in time (PostgreSQL: {@code pg_export_snapshot()}
     * and {@code SET TRANSACTION SNAPSHOT}). This snapshot must stay open while the other is used.
     * Optional capability: the default returns empty, and parallel export then refuses unless the
     * user accepts tables read at different points in time.
     *
     * @return the new snapshot, which the caller must close; empty when the source cannot share its snapshot
     * @throws io.github.dbbackup.core.BackupException when the source can share but opening failed
     * @since 0.2
     */
    default Optional<SourceSnapshot> openShared() {
        return Optional.empty();
    }

    /**
     * Estimates a table's row count cheaply (statistics, not a count), to export the largest tables
     * first and to decide which tables to split. Optional capability.
     *
     * @param table the table
     * @return the estimate, or {@code -1} when unknown (the default)
     * @since 0.2
     */
    default long estimatedRows(TableSchema table) {
        return -1;
    }

    /**
     * Returns the smallest and largest value of a single-column integer key among the rows the
     * query selects (its row filter applies; its range and columns do not), to split the table into
     * ranges. Optional capability.
     *
     * @param query the rows, whose table has the key column
     * @param keyColumn the integer key column
     * @return the span; empty when the rows are none, a key does not fit in a {@code long}, or the
     *     source cannot tell (the default)
     * @since 0.2
     */
    default Optional<KeySpan> keySpan(RowQuery query, String keyColumn) {
        return Optional.empty();
    }

    /** Ends the snapshot (rolls back its read-only transaction) and releases the connection. */
    @Override
    void close();
}
