package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.spi.RowSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A faster way than INSERT to load rows into a table during a restore, such as PostgreSQL's
 * {@code COPY FROM STDIN}. Used for EMPTY_ONLY and REPLACE restores (never UPSERT) when a
 * {@link BulkLoaderProvider} on the class path supports the connection; everything else is the same
 * transaction. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface BulkLoader {

    /**
     * Returns a short name for reports ({@code PostgreSQL COPY}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether this loader can load through {@code connection}.
     *
     * @param connection the restore connection
     * @param dialect its dialect
     * @return {@code true} to be used
     */
    boolean supports(Connection connection, Dialect dialect);

    /**
     * Opens a sink loading rows into one table. Values arrive in {@code columns} order followed by
     * {@code constants} (one value per constant column, the same in every row).
     *
     * @param connection the restore connection (in its transaction; not closed by the loader)
     * @param qualifiedTable the quoted, qualified table
     * @param quotedColumns the quoted column names: the columns, then the constant columns
     * @param columns the target columns of the row values
     * @param constants the constant values, appended to every row
     * @return the sink; closing it finishes the load
     * @throws SQLException when the database refuses
     */
    RowSink open(Connection connection, String qualifiedTable, List<String> quotedColumns, List<ColumnSchema> columns,
            List<Object> constants) throws SQLException;

    /**
     * Wraps a failure of a loader's sink for throwing from {@link RowSink#accept} or
     * {@link RowSink#close}: SQLState and vendor code kept, credentials and row values removed from
     * the message and from the cause chain (a rejected row must not reach a log or an audit table).
     *
     * @param what what was being done, e.g. {@code Loading "public"."users" with COPY}
     * @param e the driver's failure
     * @return the exception to throw
     * @since 0.1.0
     */
    static io.github.dbbackup.core.BackupDatabaseException failure(String what, SQLException e) {
        return io.github.dbbackup.jdbc.internal.SqlErrors.wrap(what, e);
    }
}
