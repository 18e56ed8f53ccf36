package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.internal.OperationEvents;
import io.github.dbbackup.core.spi.RowCursor;

/**
 * The rows of one slice (a table or a key range of it), read one ahead so that a part ends exactly
 * where the rows do, and counted for progress events as they are written. Not thread-safe: one
 * worker reads a slice.
 */
final class SliceRows {
    private final RowCursor cursor;
    private final OperationEvents.Rows progress;
    private boolean hasRow;

    private SliceRows(RowCursor cursor, OperationEvents.Rows progress) {
        this.cursor = cursor;
        this.progress = progress;
        this.hasRow = cursor != null && cursor.next();
    }

    /**
     * Positions on the first row of {@code cursor}.
     *
     * @param cursor the slice's cursor; {@code null} for no rows at all
     * @param progress counts the rows written
     * @return the rows
     */
    static SliceRows of(RowCursor cursor, OperationEvents.Rows progress) {
        return new SliceRows(cursor, progress);
    }

    /** Returns whether a row is current. */
    boolean hasRow() {
        return hasRow;
    }

    /** Returns the cursor, positioned on the current row. */
    RowCursor current() {
        return cursor;
    }

    /** Counts the current row as written and moves to the next. */
    void advance() {
        progress.row();
        hasRow = cursor.next();
    }

    /** Sends the rows counted since the last progress event. */
    void flushProgress() {
        progress.flush();
    }
}
