package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.event.Operation;
import io.github.dbbackup.core.event.OperationFailed;
import io.github.dbbackup.core.event.OperationFinished;
import io.github.dbbackup.core.event.OperationStarted;
import io.github.dbbackup.core.event.PartDone;
import io.github.dbbackup.core.event.ProgressListener;
import io.github.dbbackup.core.event.RowsProgressed;
import io.github.dbbackup.core.event.TableFinished;
import io.github.dbbackup.core.event.TableStarted;
import io.github.dbbackup.core.manifest.PartInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events of one operation on one set, built and handed to the {@link Listeners}. Keeps the
 * operation's side of the contract: {@code operationStarted} comes first (a failure before the
 * operation knows its tables sends one with no tables and unknown rows, so that every end has its
 * start), and exactly one of {@code operationFinished} or {@code operationFailed} ends it. Nothing is
 * built when no listener is registered.
 *
 * <p>Thread-safe: the workers of a parallel export share one instance; each counts its rows with its
 * own {@link Rows}.
 */
public final class OperationEvents {
    private final Listeners listeners;
    private final Operation operation;
    private final String backupId;
    private final Clock clock;
    private final Instant start;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * Starts the events of one operation (nothing is sent yet).
     *
     * @param listeners where events go
     * @param operation the operation
     * @param backupId the set
     * @param clock the operation's clock, for {@code took}
     * @param start when the operation started, by that clock
     */
    public OperationEvents(Listeners listeners, Operation operation, String backupId, Clock clock, Instant start) {
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.backupId = Objects.requireNonNull(backupId, "backupId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = Objects.requireNonNull(start, "start");
    }

    /**
     * Returns whether no listener hears these events, so that callers can skip preparing them.
     *
     * @return true when every event is dropped
     */
    public boolean isSilent() {
        return listeners.isEmpty();
    }

    /**
     * The operation started; sent once (later calls are ignored).
     *
     * @param tables how many tables it will go through
     * @param expectedRows the rows it expects, {@code -1} when unknown
     * @param exact whether {@code expectedRows} is exact
     */
    public void started(int tables, long expectedRows, boolean exact) {
        if (started.compareAndSet(false, true) && !isSilent()) {
            listeners.operationStarted(new OperationStarted(operation, backupId, start, tables, expectedRows, exact));
        }
    }

    /**
     * A table started.
     *
     * @param table the table's name
     * @param expectedRows its rows, {@code -1} when unknown
     */
    public void tableStarted(String table, long expectedRows) {
        if (!isSilent()) {
            listeners.tableStarted(new TableStarted(operation, backupId, table, expectedRows));
        }
    }

    /**
     * Returns a counter for the rows of one table (or one range of it) that sends a
     * {@code rowsProgressed} event every {@link ProgressListener#ROWS_INTERVAL} rows. Not
     * thread-safe: one counter per thread.
     *
     * @param table the table's name
     * @return a new counter
     */
    public Rows rows(String table) {
        return new Rows(table);
    }

    /**
     * A part was written and checksummed, or read and checked.
     *
     * @param table the table's name
     * @param part the part
     */
    public void partDone(String table, PartInfo part) {
        if (!isSilent()) {
            listeners.partDone(new PartDone(operation, backupId, table, part));
        }
    }

    /**
     * A table finished.
     *
     * @param table the table's name
     * @param rows its rows
     * @param bytes the stored bytes of its parts
     */
    public void tableFinished(String table, long rows, long bytes) {
        if (!isSilent()) {
            listeners.tableFinished(new TableFinished(operation, backupId, table, rows, bytes));
        }
    }

    /**
     * The operation succeeded; the end (a second end is ignored).
     *
     * @param tables the tables it went through
     * @param rows the rows it went through
     * @param bytes the stored bytes of the parts it wrote or read
     */
    public void finished(int tables, long rows, long bytes) {
        if (ended.compareAndSet(false, true) && !isSilent()) {
            started(0, -1, false);
            listeners.operationFinished(new OperationFinished(operation, backupId, took(), tables, rows, bytes));
        }
    }

    /**
     * The operation failed with {@code failure}; the end (a second end is ignored).
     *
     * @param failure what the caller is thrown
     */
    public void failed(Throwable failure) {
        String reason = Listeners.reasonOf(failure);
        failed(reason, Objects.requireNonNullElse(failure.getMessage(), reason));
    }

    /**
     * The operation failed; the end (a second end is ignored). When it had not started yet, an
     * {@code operationStarted} with no tables and unknown rows goes first.
     *
     * @param reason a short, stable reason
     * @param message what went wrong
     */
    public void failed(String reason, String message) {
        if (ended.compareAndSet(false, true) && !isSilent()) {
            started(0, -1, false);
            listeners.operationFailed(new OperationFailed(operation, backupId, took(), reason, message));
        }
    }

    private Duration took() {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    /**
     * Counts the rows of one table or range and sends their deltas: every
     * {@link ProgressListener#ROWS_INTERVAL} rows, and the rest on {@link #flush()}. Costs one
     * increment and one comparison per row.
     */
    public final class Rows {
        private final String table;
        private long pending;

        private Rows(String table) {
            this.table = table;
        }

        /** Counts one row. */
        public void row() {
            if (++pending >= ProgressListener.ROWS_INTERVAL) {
                flush();
            }
        }

        /** Sends the rows counted since the last event, if any (e.g. before a part is reported done). */
        public void flush() {
            if (pending > 0 && !isSilent()) {
                listeners.rowsProgressed(new RowsProgressed(operation, backupId, table, pending));
            }
            pending = 0;
        }
    }
}
