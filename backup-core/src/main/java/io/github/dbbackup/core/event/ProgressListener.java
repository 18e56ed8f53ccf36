package io.github.dbbackup.core.event;

/**
 * Hears the progress of backups, restores and verifications. Every method does nothing by default:
 * implement those you need.
 *
 * <p>For each table, events arrive in order: {@code tableStarted}, {@code rowsProgressed} and
 * {@code partDone} (any number, interleaved), {@code tableFinished}. For each operation:
 * {@code operationStarted}, the tables' events, then exactly one of {@code operationFinished} or
 * {@code operationFailed} (a failure may come before every started table has finished). With several
 * connections, events of different tables arrive from several threads at once: implementations must be
 * thread-safe, and fast (they run on the threads that move the rows). A listener that throws is logged
 * and otherwise ignored: it never fails or changes the operation.
 *
 * @since 0.2
 */
public interface ProgressListener {

    /** How many rows of a table pass between two {@link #rowsProgressed} events: 10,000. */
    long ROWS_INTERVAL = 10_000;

    /**
     * An operation started.
     *
     * @param event what it will go through
     */
    default void operationStarted(OperationStarted event) {
    }

    /**
     * A table started.
     *
     * @param event the table and its expected rows
     */
    default void tableStarted(TableStarted event) {
    }

    /**
     * More rows of a table are done.
     *
     * @param event the table and the rows done since its last event
     */
    default void rowsProgressed(RowsProgressed event) {
    }

    /**
     * A part was written or read and checked.
     *
     * @param event the part
     */
    default void partDone(PartDone event) {
    }

    /**
     * A table finished.
     *
     * @param event the table's rows and bytes
     */
    default void tableFinished(TableFinished event) {
    }

    /**
     * The operation succeeded.
     *
     * @param event its totals
     */
    default void operationFinished(OperationFinished event) {
    }

    /**
     * The operation failed.
     *
     * @param event why
     */
    default void operationFailed(OperationFailed event) {
    }
}
