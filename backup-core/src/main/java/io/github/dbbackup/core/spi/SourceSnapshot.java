package io.github.dbbackup.core.spi;

import io.github.dbbackup.core.SourceInfo;
import io.github.dbbackup.core.TableSchema;
import java.util.List;

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
     * Opens a cursor over the rows of one table. Only one cursor is open at a time.
     *
     * @param query what to read
     * @return the cursor; the caller must close it
     */
    RowCursor rows(RowQuery query);

    /** Ends the snapshot (rolls back its read-only transaction) and releases the connection. */
    @Override
    void close();
}
