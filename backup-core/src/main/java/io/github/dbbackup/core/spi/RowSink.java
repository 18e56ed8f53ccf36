package io.github.dbbackup.core.spi;

/**
 * Receives the rows of one table during a restore and writes them in batches. Not thread-safe.
 * Closing flushes what is pending.
 *
 * @since 0.1
 */
public interface RowSink extends AutoCloseable {

    /**
     * Writes one row (possibly batched).
     *
     * @param values the values, aligned with the columns the sink was opened for, of the Java types
     *     {@link io.github.dbbackup.core.manifest.ValueType} documents; the array may be reused by the caller
     *     after the call returns
     */
    void accept(Object[] values);

    /** Flushes pending rows and releases the statement. */
    @Override
    void close();
}
