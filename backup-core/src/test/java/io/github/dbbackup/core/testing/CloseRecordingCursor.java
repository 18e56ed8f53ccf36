package io.github.dbbackup.core.testing;

import io.github.dbbackup.core.spi.RowCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RowCursor} over rows held in memory that records {@link #close()} and can fail on
 * demand. Each row is a list of values aligned with the query's columns ({@code null} for SQL NULL).
 * Enforces the cursor contract: {@link #value(int)} only on a row, nothing after {@code close()}.
 */
public final class CloseRecordingCursor implements RowCursor {

    private final List<List<Object>> rows;
    private final AtomicInteger closeCount = new AtomicInteger();
    private int position = -1;
    private int failAfterRows = -1;
    private RuntimeException failure;
    private boolean onRow;

    /**
     * Creates a cursor over {@code rows}.
     *
     * @param rows the rows, each a list of values (nulls allowed)
     */
    public CloseRecordingCursor(List<? extends List<?>> rows) {
        List<List<Object>> copy = new ArrayList<>();
        for (List<?> row : rows) {
            copy.add(new ArrayList<>(row));
        }
        this.rows = copy;
    }

    /**
     * Creates a cursor over rows given as arrays.
     *
     * @param rows the rows
     * @return the cursor
     */
    public static CloseRecordingCursor of(Object[]... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(Arrays.asList(row));
        }
        return new CloseRecordingCursor(list);
    }

    /**
     * Makes {@link #next()} throw {@code failure} once {@code rows} rows were served.
     *
     * @param rows rows served before the failure (0 fails the first {@code next()})
     * @param failure what to throw
     * @return this cursor
     */
    public CloseRecordingCursor failAfterRows(int rows, RuntimeException failure) {
        this.failAfterRows = rows;
        this.failure = failure;
        return this;
    }

    @Override
    public boolean next() {
        if (isClosed()) {
            throw new IllegalStateException("next() called on a closed cursor");
        }
        if (failure != null && position + 1 == failAfterRows) {
            onRow = false;
            throw failure;
        }
        if (position + 1 >= rows.size()) {
            position = rows.size();
            onRow = false;
            return false;
        }
        position++;
        onRow = true;
        return true;
    }

    @Override
    public Object value(int index) {
        if (isClosed()) {
            throw new IllegalStateException("value() called on a closed cursor");
        }
        if (!onRow) {
            throw new IllegalStateException("value() called while the cursor is not on a row");
        }
        return rows.get(position).get(index);
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
     * Returns how many rows were served so far.
     *
     * @return rows
     */
    public int rowsServed() {
        return Math.max(0, Math.min(position + 1, rows.size()));
    }
}
