package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.manifest.ColumnSchema;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.spi.KeyRange;
import io.github.dbbackup.core.spi.KeySpan;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SourceSnapshot} of a {@link FakeBackupSource}: serves its in-memory tables, records
 * {@link #close()}, every query and every cursor, and enforces the SPI contract (one open cursor at
 * a time, nothing after close, only columns the table has).
 */
public final class FakeSnapshot implements SourceSnapshot {

    private final FakeBackupSource source;
    private final AtomicInteger closeCount = new AtomicInteger();
    private final List<RowQuery> queries = new ArrayList<>();
    private final List<CloseRecordingCursor> cursors = new ArrayList<>();

    FakeSnapshot(FakeBackupSource source) {
        this.source = source;
    }

    @Override
    public SourceInfo info() {
        checkOpen();
        return source.info();
    }

    @Override
    public List<TableSchema> tables() {
        checkOpen();
        RuntimeException failure = source.tablesFailure();
        if (failure != null) {
            throw failure;
        }
        return source.schemas().stream().sorted(Comparator.comparing(TableSchema::name)).toList();
    }

    @Override
    public List<ExcludedTable> objectsNotCarried() {
        checkOpen();
        return source.notCarried();
    }

    @Override
    public void checkReadable(List<TableSchema> tables) {
        checkOpen();
        for (TableSchema t : tables) {
            RuntimeException failure = source.unreadableFailure(t.name());
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public synchronized RowCursor rows(RowQuery query) {
        checkOpen();
        for (CloseRecordingCursor c : cursors) {
            if (!c.isClosed()) {
                throw new IllegalStateException("a cursor is still open; the SPI allows one at a time");
            }
        }
        TableSchema table = source.schemas().stream().filter(t -> t.name().equals(query.table().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table '" + query.table().name() + "'"));
        for (ColumnSchema c : query.columns()) {
            if (table.column(c.name()).isEmpty()) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + c.name() + "'");
            }
        }
        queries.add(query);
        source.recordQuery(query);
        List<Map<String, Object>> rows = new ArrayList<>(source.rowsOf(table.name()));
        KeyRange range = query.range();
        if (range != null) {
            rows.removeIf(row -> {
                long key = ((Number) row.get(range.column())).longValue();
                return (range.from() != null && key < range.from()) || (range.to() != null && key >= range.to());
            });
        }
        if (!query.orderBy().isEmpty()) {
            rows.sort(byColumns(query.orderBy()));
        }
        List<List<Object>> projected = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> values = new ArrayList<>();
            for (ColumnSchema c : query.columns()) {
                values.add(row.get(c.name()));
            }
            projected.add(values);
        }
        CloseRecordingCursor cursor = new CloseRecordingCursor(projected);
        FakeBackupSource.Failure failure = source.rowFailure(table.name());
        if (failure != null) {
            cursor.failAfterRows(failure.afterRows(), failure.exception());
        }
        cursors.add(cursor);
        source.recordCursor(cursor);
        return cursor;
    }

    /** Shares this snapshot when the source was made {@link FakeBackupSource#shareable(boolean) shareable}. */
    @Override
    public Optional<SourceSnapshot> openShared() {
        checkOpen();
        return source.isShareable() ? Optional.of(source.openShared()) : Optional.empty();
    }

    /** The exact row count: the fake has no statistics to be wrong. */
    @Override
    public long estimatedRows(TableSchema table) {
        checkOpen();
        return source.rowsOf(table.name()).size();
    }

    @Override
    public Optional<KeySpan> keySpan(RowQuery query, String keyColumn) {
        checkOpen();
        List<Long> keys = source.rowsOf(query.table().name()).stream()
                .map(row -> ((Number) row.get(keyColumn)).longValue()).sorted().toList();
        return keys.isEmpty() ? Optional.empty()
                : Optional.of(new KeySpan(keyColumn, keys.get(0), keys.get(keys.size() - 1)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Map<String, Object>> byColumns(List<String> columns) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (String column : columns) {
            order = order.thenComparing(row -> (Comparable) row.get(column),
                    Comparator.nullsFirst(Comparator.<Comparable>naturalOrder()));
        }
        return order;
    }

    private void checkOpen() {
        if (isClosed()) {
            throw new IllegalStateException("the snapshot is closed");
        }
    }

    @Override
    public void close() {
        closeCount.incrementAndGet();
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closeCount.get() > 0;
    }

    /**
     * Returns how often {@link #close()} was called.
     *
     * @return the count
     */
    public int closeCount() {
        return closeCount.get();
    }

    /**
     * Returns the queries run through this snapshot, in order.
     *
     * @return the queries
     */
    public synchronized List<RowQuery> queries() {
        return List.copyOf(queries);
    }

    /**
     * Returns the cursors opened through this snapshot, in order.
     *
     * @return the cursors
     */
    public synchronized List<CloseRecordingCursor> cursors() {
        return List.copyOf(cursors);
    }
}
