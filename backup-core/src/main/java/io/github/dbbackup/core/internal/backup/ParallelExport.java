package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.internal.OperationEvents;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the slices of an export over its connections and writes them as parts: on the caller's
 * thread with one connection, else one thread per connection taking slices from a shared queue
 * until the queue is empty or a worker failed. Numbers each table's parts without gaps, whichever
 * worker writes them, and sends the tables' events: a table starts with its first slice and finishes
 * after its last (a split table whose ranges held no rows still gets its one empty part then).
 */
final class ParallelExport {
    private final String id;
    private final PartExporter exporter;
    private final WrittenKeys written;
    private final OperationEvents events;
    private final FirstFailure failure;
    private final TableState[] tables;
    private final List<ExportSchedule.Task> tasks;
    private final Queue<Slot> parts = new ConcurrentLinkedQueue<>();

    /**
     * Prepares an export.
     *
     * @param id the backup id
     * @param inOrder the tables in restore order
     * @param estimates each table's estimated rows, in the same order ({@code -1} when unknown)
     * @param tasks the slices, in the order they are taken
     * @param exporter writes the parts
     * @param written records the parts' keys
     * @param events hears the tables' progress
     * @param failure the export's first failure, which stops every worker
     */
    ParallelExport(String id, List<PlanResolver.IncludedTable> inOrder, List<Long> estimates,
            List<ExportSchedule.Task> tasks, PartExporter exporter, WrittenKeys written, OperationEvents events,
            FirstFailure failure) {
        this.id = id;
        this.exporter = exporter;
        this.written = written;
        this.events = events;
        this.failure = failure;
        this.tasks = List.copyOf(tasks);
        this.tables = new TableState[inOrder.size()];
        for (int position = 0; position < tables.length; position++) {
            tables[position] = new TableState(position, inOrder.get(position).schema(), estimates.get(position));
        }
        for (ExportSchedule.Task task : tasks) {
            tables[task.position()].slicesLeft.incrementAndGet();
        }
    }

    /**
     * Runs the export; every worker has ended when it returns or throws.
     *
     * @param snapshots one per worker; the first alone runs the export on the caller's thread
     * @return every part, grouped by table in restore order, then by index
     * @throws RuntimeException the first failure of any worker
     */
    List<PartInfo> run(List<SourceSnapshot> snapshots) {
        if (snapshots.size() == 1) {
            for (ExportSchedule.Task task : tasks) {
                exportSlice(snapshots.get(0), task);
            }
        } else {
            runWorkers(snapshots);
        }
        return parts.stream()
                .sorted(Comparator.comparingInt(Slot::position).thenComparingInt(slot -> slot.part().index()))
                .map(Slot::part)
                .toList();
    }

    private void runWorkers(List<SourceSnapshot> snapshots) {
        Queue<ExportSchedule.Task> queue = new ConcurrentLinkedQueue<>(tasks);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            SourceSnapshot snapshot = snapshots.get(i);
            Thread thread = new Thread(() -> work(snapshot, queue), "dbbackup-export-" + (i + 1) + " " + id);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.record(new BackupException("Backup '" + id + "' was interrupted; no set was written", e));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        failure.rethrow();
    }

    private void work(SourceSnapshot snapshot, Queue<ExportSchedule.Task> queue) {
        ExportSchedule.Task task;
        while (!failure.isFailed() && (task = queue.poll()) != null) {
            try {
                exportSlice(snapshot, task);
            } catch (RuntimeException e) {
                failure.record(e); // after the first failure, what a stopped worker throws is dropped
                return;
            } catch (Error e) {
                failure.record(new BackupException("Backup '" + id + "' failed in an export worker: " + e, e));
                return;
            }
        }
    }

    /** Writes one slice as one or more parts; a key range without rows writes none. */
    private void exportSlice(SourceSnapshot snapshot, ExportSchedule.Task task) {
        TableState table = tables[task.position()];
        table.start();
        OperationEvents.Rows progress = events.rows(table.schema.name());
        RowCursor cursor = snapshot.rows(task.query());
        try {
            SliceRows rows = SliceRows.of(cursor, progress);
            if (rows.hasRow() || task.range() == null) {
                writeParts(table, rows);
            }
        } finally {
            cursor.close();
        }
        if (table.slicesLeft.decrementAndGet() == 0) {
            if (table.nextIndex.get() == 0) {
                // Every range of the table was empty: the table still gets its one (empty) part.
                writeParts(table, SliceRows.of(null, progress));
            }
            table.finish();
        }
    }

    /** Writes parts from the current row on until the rows end; at least one part. */
    private void writeParts(TableState table, SliceRows rows) {
        do {
            int index = table.nextIndex.getAndIncrement();
            String key = exporter.keyOf(id, table.position, table.schema.name(), index);
            written.add(key);
            PartInfo part = exporter.write(key, table.schema, index, rows);
            rows.flushProgress();
            parts.add(new Slot(table.position, part));
            table.add(part);
            events.partDone(table.schema.name(), part);
        } while (rows.hasRow());
    }

    /** A part written for the table at {@code position} in restore order. */
    private record Slot(int position, PartInfo part) {
    }

    /**
     * What the workers share about one table: the next part's index, the slices not yet done, and its
     * totals so far. Its first slice sends {@code tableStarted}, its last {@code tableFinished}.
     */
    private final class TableState {
        private final int position;
        private final TableSchema schema;
        private final long estimate;
        private final AtomicInteger nextIndex = new AtomicInteger();
        private final AtomicInteger slicesLeft = new AtomicInteger();
        private boolean started;
        private long rows;
        private long bytes;

        TableState(int position, TableSchema schema, long estimate) {
            this.position = position;
            this.schema = schema;
            this.estimate = estimate;
        }

        /** Sends {@code tableStarted} once; a worker starting another range waits until it is sent. */
        synchronized void start() {
            if (!started) {
                started = true;
                events.tableStarted(schema.name(), estimate);
            }
        }

        synchronized void add(PartInfo part) {
            rows += part.rows();
            bytes += part.bytes();
        }

        /** Sends {@code tableFinished}; called by the worker that finished the last slice. */
        synchronized void finish() {
            events.tableFinished(schema.name(), rows, bytes);
        }
    }
}
