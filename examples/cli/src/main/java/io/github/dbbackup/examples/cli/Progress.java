package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.ForeignKey;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.restore.CycleStrategy;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.BlobInfo;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobWriter;
import io.github.dbbackup.core.spi.KeySpan;
import io.github.dbbackup.core.spi.RestoreSession;
import io.github.dbbackup.core.spi.RestoreTarget;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.RowSink;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shows how a long operation is going (tables done, rows, bytes) on one self-overwriting line of
 * standard error, only when it is a terminal; otherwise does nothing, so that logs and pipes stay
 * clean. Decorates the source and the store, the two things every operation goes through.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String operation;
    private final boolean enabled;
    private long tables;
    private long rows;
    private long bytes;
    private long parts;
    private long lastPrint;
    private boolean printed;

    private Progress(PrintWriter err, String operation, boolean enabled) {
        this.err = err;
        this.operation = operation;
        this.enabled = enabled;
    }

    /**
     * Progress for one operation, shown when standard error is a terminal.
     *
     * @param err where to print
     * @param operation e.g. {@code backup}
     * @return the progress
     */
    static Progress onTerminal(PrintWriter err, String operation) {
        return of(err, operation, System.console() != null);
    }

    /**
     * Progress that is shown or not, as the caller decides (tests).
     *
     * @param err where to print
     * @param operation e.g. {@code backup}
     * @param enabled whether to show anything
     * @return the progress
     */
    static Progress of(PrintWriter err, String operation, boolean enabled) {
        return new Progress(err, operation, enabled);
    }

    /**
     * Wraps a restore target so that rows written and tables finished are counted.
     *
     * @param target the target
     * @return the target to use
     */
    RestoreTarget track(RestoreTarget target) {
        if (!enabled) {
            return target;
        }
        return new CountingTarget(target);
    }

    /**
     * Wraps a source so that rows and finished tables are counted.
     *
     * @param source the source
     * @return the source to use
     */
    BackupSource track(BackupSource source) {
        if (!enabled) {
            return source;
        }
        return new CountingSource(source);
    }

    /**
     * Wraps a store so that bytes written and read, and parts finished, are counted.
     *
     * @param store the store
     * @return the store to use
     */
    BlobStore track(BlobStore store) {
        return enabled ? new CountingStore(store) : store;
    }

    /** Clears the progress line, before the report is printed. */
    synchronized void done() {
        if (printed) {
            err.print("\r\033[K");
            err.flush();
            printed = false;
        }
    }

    private synchronized void count(long tablesDelta, long rowsDelta, long bytesDelta, long partsDelta) {
        tables += tablesDelta;
        rows += rowsDelta;
        bytes += bytesDelta;
        parts += partsDelta;
        long now = System.nanoTime();
        if (tablesDelta == 0 && partsDelta == 0 && now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        String counts = tables > 0 || rows > 0 ? tables + " tables done, " + rows + " rows, " : "";
        err.print("\r\033[K" + operation + ": " + counts + parts + " parts, " + Reports.bytes(bytes));
        err.flush();
        printed = true;
    }

    /*
     * The decorators below must forward every method of their SPI, default methods included: a
     * default method they do not override silently runs the SPI's fallback instead of the real
     * implementation (issue #13: at a terminal, restores took the row-by-row FK path). ProgressTest
     * fails when an SPI gains a default method that a decorator does not override.
     */

    /** Counts what the sessions it opens write. */
    final class CountingTarget implements RestoreTarget {
        private final RestoreTarget delegate;

        CountingTarget(RestoreTarget delegate) {
            this.delegate = delegate;
        }

        @Override
        public RestoreSession open() {
            return new CountingSession(delegate.open());
        }
    }

    /** Counts what the snapshots it opens read. */
    final class CountingSource implements BackupSource {
        private final BackupSource delegate;

        CountingSource(BackupSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public SourceSnapshot openSnapshot() {
            return new CountingSnapshot(delegate.openSnapshot());
        }
    }

    final class CountingSnapshot implements SourceSnapshot {
        private final SourceSnapshot delegate;

        CountingSnapshot(SourceSnapshot delegate) {
            this.delegate = delegate;
        }

        @Override
        public SourceInfo info() {
            return delegate.info();
        }

        @Override
        public List<TableSchema> tables() {
            return delegate.tables();
        }

        @Override
        public RowCursor rows(RowQuery query) {
            RowCursor cursor = delegate.rows(query);
            return new RowCursor() {
                @Override
                public boolean next() {
                    boolean more = cursor.next();
                    if (more) {
                        count(0, 1, 0, 0);
                    }
                    return more;
                }

                @Override
                public Object value(int index) {
                    return cursor.value(index);
                }

                @Override
                public void close() {
                    cursor.close();
                    // A table read as key ranges counts once, when its last range closes (roughly: ranges run in parallel).
                    count(query.range() == null || query.range().to() == null ? 1 : 0, 0, 0, 0);
                }
            };
        }

        @Override
        public Optional<SourceSnapshot> openShared() {
            return delegate.openShared().map(CountingSnapshot::new);
        }

        @Override
        public long estimatedRows(TableSchema table) {
            return delegate.estimatedRows(table);
        }

        @Override
        public Optional<KeySpan> keySpan(RowQuery query, String keyColumn) {
            return delegate.keySpan(query, keyColumn);
        }

        // #13.1-4: without these the terminal's backup would skip the checks that no table is read in part.
        @Override
        public List<io.github.dbbackup.core.plan.ExcludedTable> objectsNotCarried() {
            return delegate.objectsNotCarried();
        }

        @Override
        public void checkReadable(List<TableSchema> tables) {
            delegate.checkReadable(tables);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Counts the rows inserted and the tables finished; everything else goes straight through. */
    final class CountingSession implements RestoreSession {
        private final RestoreSession delegate;

        CountingSession(RestoreSession delegate) {
            this.delegate = delegate;
        }

        @Override
        public RowSink insert(String table, List<ColumnSchema> columns, RestoreMode mode, List<String> primaryKey,
                Map<ColumnSchema, String> constants) {
            RowSink sink = delegate.insert(table, columns, mode, primaryKey, constants);
            return new RowSink() {
                @Override
                public void accept(Object[] values) {
                    sink.accept(values);
                    count(0, 1, 0, 0);
                }

                @Override
                public void close() {
                    sink.close();
                    count(1, 0, 0, 0);
                }
            };
        }

        @Override
        public SourceInfo info() {
            return delegate.info();
        }

        @Override
        public List<TableSchema> tables() {
            return delegate.tables();
        }

        @Override
        public long countRows(String table) {
            return delegate.countRows(table);
        }

        @Override
        public long countReferencingRows(String table, ForeignKey fk) {
            return delegate.countReferencingRows(table, fk);
        }

        @Override
        public boolean isDeferrable(String table, ForeignKey fk) {
            return delegate.isDeferrable(table, fk);
        }

        @Override
        public List<CycleStrategy> bypassStrategies() {
            return delegate.bypassStrategies();
        }

        @Override
        public List<String> disableTriggers(List<String> tables) {
            return delegate.disableTriggers(tables);
        }

        @Override
        public List<String> triggersThatKeepFiring(String table) {
            return delegate.triggersThatKeepFiring(table);
        }

        @Override
        public void deferConstraints() {
            delegate.deferConstraints();
        }

        @Override
        public void bypassForeignKeys(CycleStrategy strategy, Map<String, List<ForeignKey>> foreignKeys) {
            delegate.bypassForeignKeys(strategy, foreignKeys);
        }

        @Override
        public void nullColumns(String table, List<String> columns) {
            delegate.nullColumns(table, columns);
        }

        @Override
        public void deleteAll(String table) {
            delegate.deleteAll(table);
        }

        @Override
        public RowSink update(String table, List<ColumnSchema> keyColumns, List<ColumnSchema> setColumns) {
            return delegate.update(table, keyColumns, setColumns);
        }

        @Override
        public void finish() {
            delegate.finish();
        }

        @Override
        public long countForeignKeyViolations(String table, ForeignKey fk) {
            return delegate.countForeignKeyViolations(table, fk);
        }

        @Override
        public List<String> resetSequences(String table, List<ColumnSchema> columns) {
            return delegate.resetSequences(table, columns);
        }

        @Override
        public Set<String> generatedColumns(String table) {
            return delegate.generatedColumns(table);
        }

        // Issue 13: the preflight's safety checks are default methods; a decorator that does not
        // forward them would silently switch them off at a terminal.
        @Override
        public List<CycleStrategy> bypassStrategies(List<String> tables) {
            return delegate.bypassStrategies(tables);
        }

        @Override
        public List<OutsideReference> referencesFromOtherSchemas(List<String> tables) {
            return delegate.referencesFromOtherSchemas(tables);
        }

        @Override
        public Set<TablePrivilege> missingPrivileges(String table, Set<TablePrivilege> privileges) {
            return delegate.missingPrivileges(table, privileges);
        }

        @Override
        public List<String> sequencesThatCannotBeMoved(String table, List<ColumnSchema> columns) {
            return delegate.sequencesThatCannotBeMoved(table, columns);
        }

        @Override
        public boolean isRowSecurityActive(String table) {
            return delegate.isRowSecurityActive(table);
        }

        @Override
        public boolean deferForeignKeyChecks(Map<String, List<ForeignKey>> foreignKeys) {
            return delegate.deferForeignKeyChecks(foreignKeys);
        }

        @Override
        public List<String> writeNotes() {
            return delegate.writeNotes();
        }

        @Override
        public void commit() {
            delegate.commit();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    final class CountingStore implements BlobStore {
        private final BlobStore delegate;

        CountingStore(BlobStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, BlobWriter writer) {
            delegate.put(key, out -> writer.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    count(0, 0, 1, 0);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    count(0, 0, len, 0);
                }

                @Override
                public void close() {
                    // the store owns the stream
                }
            }));
            count(0, 0, 0, 1);
        }

        @Override
        public InputStream open(String key) {
            InputStream in = delegate.open(key);
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(0, 0, 1, 0);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        count(0, 0, n, 0);
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    count(0, 0, 0, 1);
                }
            };
        }

        @Override
        public List<BlobInfo> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public Optional<BlobInfo> stat(String key) {
            return delegate.stat(key);
        }

        @Override
        public void deleteAll(java.util.Collection<String> keys) {
            delegate.deleteAll(keys);
        }

        @Override
        public int sweepIncompleteUploads(java.time.Duration olderThan) {
            return delegate.sweepIncompleteUploads(olderThan);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
