package io.github.dbbackup.jdbc.pgcopy;

import io.github.dbbackup.core.BackupDatabaseException;
import io.github.dbbackup.core.ColumnSchema;
import io.github.dbbackup.core.ValueType;
import io.github.dbbackup.core.spi.RowSink;
import io.github.dbbackup.jdbc.dialect.postgresql.PostgreSqlDialect;
import io.github.dbbackup.jdbc.spi.BulkLoader;
import io.github.dbbackup.jdbc.spi.Dialect;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
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
        StringBuilder suffix = new StringBuilder();
        for (Object constant : constants) {
            suffix.append('\t');
            append(suffix, constant, null);
        }
        return new Sink(copy, qualifiedTable, columns, suffix.toString());
    }

    /** Appends one value in COPY text format. */
    static void append(StringBuilder line, Object value, ColumnSchema column) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        String text;
        if (value instanceof Boolean b) {
            text = column != null && column.valueType() == ValueType.INTEGER ? (b ? "1" : "0") : (b ? "t" : "f");
        } else if (value instanceof Long l && column != null && column.valueType() == ValueType.BOOLEAN) {
            text = l != 0 ? "t" : "f";
        } else if (value instanceof BigDecimal bd) {
            text = bd.toPlainString();
        } else if (value instanceof byte[] bytes) {
            text = "\\x" + HexFormat.of().formatHex(bytes);
        } else if (value instanceof List<?> list) {
            text = PostgreSqlDialect.arrayLiteral(list);
        } else {
            text = value.toString(); // numbers, NaN/Infinity, ISO java.time values, UUIDs, text forms
        }
        escape(line, text);
    }

    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }

    private static final class Sink implements RowSink {
        private final CopyIn copy;
        private final String table;
        private final List<ColumnSchema> columns;
        private final String suffix;
        private final StringBuilder line = new StringBuilder(256);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
        private long rows;

        Sink(CopyIn copy, String table, List<ColumnSchema> columns, String suffix) {
            this.copy = copy;
            this.table = table;
            this.columns = columns;
            this.suffix = suffix;
        }

        @Override
        public void accept(Object[] values) {
            line.setLength(0);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                append(line, values[i], columns.get(i));
            }
            line.append(suffix).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            rows++;
            if (buffer.size() >= CHUNK) {
                send();
            }
        }

        private void send() {
            try {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
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
            return new BackupDatabaseException("Loading " + table + " with COPY failed while " + what + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
