package io.github.dbbackup.pgcopy;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.spi.RowSink;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import io.github.dbbackup.jdbc.spi.BulkLoader;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows with PostgreSQL's {@code COPY table (columns) FROM STDIN} in text format: every value in
 * the text form its column's input function reads, escaped for COPY ({@code \N} for NULL). Rows
 * are sent in chunks of 256 KiB; the load is part of the restore transaction, so a failure rolls it
 * back with everything else. Thread-safe (stateless); each sink is used by one thread.
 *
 * @since 0.1
 */
public final class PgCopyBulkLoader implements BulkLoader {
    private static final int CHUNK = 256 * 1024;

    @Override
    public String name() {
        return "PostgreSQL COPY";
    }

    @Override
    public boolean supports(Connection connection, Dialect dialect) {
        try {
            return dialect instanceof PostgreSqlDialect && connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public RowSink open(Connection connection, String qualifiedTable, List<String> quotedColumns,
            List<ColumnSchema> columns, List<Object> constants) throws SQLException {
        String sql = "COPY " + qualifiedTable + " (" + String.join(", ", quotedColumns) + ") FROM STDIN";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        CopyTextBuffer suffix = new CopyTextBuffer(64);
        for (int i = 0; i < constants.size(); i++) {
            if (i > 0 || !columns.isEmpty()) {
                suffix.tab();
            }
            suffix.value(constants.get(i), null);
        }
        suffix.newline();
        return new Sink(copy, qualifiedTable, columns, Arrays.copyOf(suffix.bytes(), suffix.size()));
    }

    private static final class Sink implements RowSink {
        private final CopyIn copy;
        private final String table;
        private final ColumnSchema[] columns;
        private final byte[] suffix;
        private final CopyTextBuffer buffer = new CopyTextBuffer(CHUNK + 4096);
        private long rows;

        Sink(CopyIn copy, String table, List<ColumnSchema> columns, byte[] suffix) {
            this.copy = copy;
            this.table = table;
            this.columns = columns.toArray(ColumnSchema[]::new);
            this.suffix = suffix;
        }

        @Override
        public void accept(Object[] values) {
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    buffer.tab();
                }
                buffer.value(values[i], columns[i]);
            }
            buffer.raw(suffix);
            rows++;
            if (buffer.size() >= CHUNK) {
                send();
            }
        }

        private void send() {
            try {
                copy.writeToCopy(buffer.bytes(), 0, buffer.size());
                buffer.clear(CHUNK + 4096);
            } catch (SQLException e) {
                throw failure("sending rows up to " + rows, e);
            }
        }

        @Override
        public void close() {
            try {
                if (buffer.size() > 0) {
                    send();
                }
                copy.endCopy();
            } catch (SQLException e) {
                throw failure("finishing the COPY of " + rows + " rows", e);
            } finally {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException ignored) {
                        // the transaction is rolled back anyway
                    }
                }
            }
        }

        private BackupDatabaseException failure(String what, SQLException e) {
            return BulkLoader.failure("Loading " + table + " with COPY while " + what, e);
        }
    }
}
