package io.github.dbbackup.core.spi;

/**
 * A forward-only cursor over the rows of one {@link RowQuery}. Not thread-safe. The caller must
 * close it.
 *
 * @since 0.1
 */
public interface RowCursor extends AutoCloseable {

    /**
     * Advances to the next row.
     *
     * @return {@code false} when there are no more rows
     * @throws io.github.dbbackup.core.BackupException when reading fails
     */
    boolean next();

    /**
     * Returns a value of the current row, of the Java type that the column's
     * {@link io.github.dbbackup.core.manifest.ValueType} documents.
     *
     * @param index the position in {@link RowQuery#columns()}, from 0
     * @return the value, {@code null} for SQL NULL
     */
    Object value(int index);

    /** Releases the cursor. */
    @Override
    void close();
}
