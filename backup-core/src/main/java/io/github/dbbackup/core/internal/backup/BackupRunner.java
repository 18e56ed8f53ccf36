package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.SafeAudit;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.PartWriter;
import io.github.dbbackup.core.internal.restore.RestoreOrder;
import io.github.dbbackup.core.internal.store.BackupIds;
import io.github.dbbackup.core.internal.store.SetLease;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.manifest.TableSchema;
import io.github.dbbackup.core.plan.BackupPlan;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one backup: snapshot, plan, parts, manifest last, audit. Either a complete set exists
 * afterwards, or the call throws, records {@code DATABASE_BACKUP_FAILED}, and removes the parts it
 * wrote (best effort; leftovers are an incomplete set that is never listed and is swept later).
 */
public final class BackupRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final BackupSource source;
    private final BlobStore store;
    private final Listeners listeners;
    private final BackupPlan plan;
    private final AuditSink audit;
    private final Clock clock;
    private final Codec codec;
    private final long maxPartBytes;
    private final int compressionLevel;
    private final BackupIds ids;
    private final Parallelism parallelism;

    /**
     * How many connections export at once, and what they may do.
     *
     * @param workers connections reading at once, at least 1
     * @param allowInconsistent whether workers may read from separate snapshots when the source cannot share one
     * @param splitMinRows the estimated rows from which a table is split into key ranges (only with several workers)
     */
    public record Parallelism(int workers, boolean allowInconsistent, long splitMinRows) {

        /** One connection, one snapshot. */
        public static final Parallelism SERIAL = new Parallelism(1, false, Long.MAX_VALUE);

        /** Checks the components. */
        public Parallelism {
            if (workers < 1) {
                throw new IllegalArgumentException("workers was " + workers + " but it must be at least 1");
            }
            if (splitMinRows < 1) {
                throw new IllegalArgumentException("splitMinRows was " + splitMinRows + " but it must be at least 1");
            }
        }
    }

    /**
     * Creates a runner.
     *
     * @param source where rows come from
     * @param store where the set goes
     * @param plan what to back up
     * @param audit where events go
     * @param clock what "now" is
     * @param codec how parts are compressed
     * @param maxPartBytes uncompressed JSON bytes after which a table's part is closed and the next begun
     * @param compressionLevel the codec's level, within its range
     * @param ids the id generator
     * @param parallelism how many connections export at once
     */
    public BackupRunner(BackupSource source, BlobStore store, BackupPlan plan, AuditSink audit, Clock clock, Codec codec,
            long maxPartBytes, int compressionLevel, BackupIds ids, Parallelism parallelism, Listeners listeners) {
        this.source = source;
        this.store = store;
        this.listeners = listeners;
        this.plan = plan;
        this.audit = audit;
        this.clock = clock;
        this.codec = codec;
        this.maxPartBytes = maxPartBytes;
        this.compressionLevel = compressionLevel;
        this.ids = ids;
        this.parallelism = parallelism;
    }

    /**
     * Runs the backup.
     *
     * @return the result
     * @throws BackupException when anything fails; no complete set exists then
     */
    public BackupResult run() {
        String id = ids.next();
        Instant createdAt = clock.instant();
        long startNanos = System.nanoTime();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        LOG.info("{}: backup started into {}", id, store.describe());
        SourceSnapshot snapshot = null;
        List<SourceSnapshot> workers = new ArrayList<>();
        SetLease lease = null;
        try {
            snapshot = source.openSnapshot();
            SourceInfo info = snapshot.info();
            String where = "schema '" + info.schema() + "' of " + info.product();
            List<TableSchema> sourceTables = snapshot.tables();
            PlanResolver.Resolved resolved = PlanResolver.resolve(plan, sourceTables, snapshot.objectsNotCarried(), where);
            requireSomethingToBackUp(resolved, sourceTables, where);
            // The full tables (not narrowed to the plan's columns): a table that cannot be read whole fails here.
            List<String> includedNames = resolved.included().stream().map(t -> t.schema().name()).toList();
            snapshot.checkReadable(sourceTables.stream().filter(t -> includedNames.contains(t.name())).toList());
            if (!store.list(id + "/").isEmpty()) {
                throw new BackupStorageException(id, "Backup set '" + id + "' already exists in " + store.describe()
                        + "; a backup never overwrites a set. Check the clock and retry", null);
            }
            // The lease keeps prunes from sweeping the set while it is written, whatever their clocks (0015).
            written.add(SetLease.keyOf(id));
            lease = startLease(id);
            Map<String, PlanResolver.IncludedTable> byName = new LinkedHashMap<>();
            resolved.included().forEach(t -> byName.put(t.schema().name(), t));
            List<String> order = RestoreOrder.of(resolved.included().stream().map(PlanResolver.IncludedTable::schema).toList());
            List<PlanResolver.IncludedTable> inOrder = order.stream().map(byName::get).toList();

            List<ExportSchedule.Task> tasks = parallelism.workers() == 1 ? ExportSchedule.serial(inOrder)
                    : ExportSchedule.parallel(snapshot, inOrder, parallelism.workers(), parallelism.splitMinRows());
            workers.add(snapshot);
            boolean consistent = openWorkers(id, info, snapshot, Math.min(parallelism.workers(), tasks.size()), workers);
            Export export = new Export(id, order.size(), written);
            export.run(workers, tasks);
            for (int position = 0; position < order.size(); position++) {
                if (export.nextIndex[position].get() == 0) {
                    // Every range of the table was empty: the table still gets its one (empty) part.
                    export.exportSlice(null, new ExportSchedule.Task(position, inOrder.get(position), null, 0));
                }
            }
            List<PartInfo> parts = export.parts();
            List<BackedUpTable> tables = new ArrayList<>();
            for (PlanResolver.IncludedTable table : inOrder) {
                List<PartInfo> tableParts = parts.stream().filter(p -> p.table().equals(table.schema().name())).toList();
                long rows = tableParts.stream().mapToLong(PartInfo::rows).sum();
                long bytes = tableParts.stream().mapToLong(PartInfo::bytes).sum();
                tables.add(new BackedUpTable(table.schema(), table.excludedColumns(), table.rowFilter(), rows, bytes));
                LOG.debug("{}: table '{}' backed up: {} rows, {} bytes in {} part(s)", id, table.schema().name(), rows,
                        bytes, tableParts.size());
            }
            int connections = workers.size();
            // Every row is read: end the snapshots now. Failing to end a read-only transaction loses nothing.
            closeAll(id, workers);
            snapshot = null;
            List<String> warnings = RowCountWarnings.previous(id, store, clock)
                    .map(previous -> RowCountWarnings.compare(previous, info, tables, resolved.excluded()))
                    .orElse(List.of());
            warnings.forEach(w -> LOG.warn("{}: {}", id, w));
            Manifest manifest = new Manifest(Manifest.CURRENT_FORMAT_VERSION, id, createdAt, clock.instant(), info,
                    codec.id(), plan.isStrict(), tables, resolved.excluded(), order, parts, consistent, warnings);
            String manifestKey = Manifest.keyOf(id);
            lease.close();
            lease.confirmBeforeCommit(parts);
            written.add(manifestKey);
            store.put(manifestKey, out -> ManifestCodec.write(manifest, out));
            lease.confirmAfterCommit(parts); // a failure removes the manifest again, first
            lease.release();
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            BackupResult result = new BackupResult(manifest, duration);
            LOG.info("{}: backup complete: {} tables, {} rows, {} bytes in {} ms", id, tables.size(),
                    result.totalRows(), result.totalBytes(), duration.toMillis());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tables", tables.size());
            details.put("rows", result.totalRows());
            details.put("bytes", result.totalBytes());
            details.put("parts", parts.size());
            details.put("durationMs", duration.toMillis());
            details.put("source", info.product());
            details.put("schema", info.schema());
            details.put("store", store.describe());
            if (connections > 1) {
                details.put("connections", connections);
                details.put("consistent", consistent);
            }
            if (!warnings.isEmpty()) {
                // Audit details hold strings, numbers and booleans only: one line per warning.
                details.put("warnings", String.join("\n", warnings));
            }
            SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, clock.instant(), id,
                    details));
            return result;
        } catch (RuntimeException e) {
            BackupException failure = e instanceof BackupException be ? be
                    : new BackupException("Backup '" + id + "' failed unexpectedly: " + e, e);
            if (lease != null) {
                lease.close(); // no refresh may store the lease again after it is removed
            }
            removeQuietly(id, written);
            LOG.error("{}: backup failed: {}", id, failure.getMessage());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cause", failure.getMessage());
            details.put("type", failure.getClass().getSimpleName());
            details.put("durationMs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_FAILED, clock.instant(), id,
                    details));
            throw failure;
        } finally {
            if (lease != null) {
                lease.close();
            }
            if (snapshot != null) {
                if (workers.isEmpty()) {
                    workers.add(snapshot);
                }
                closeAll(id, workers);
            }
        }
    }

    /**
     * Refuses a backup that would hold no table, unless the plan allows it: an empty set would
     * become the newest one, which retention always keeps while it prunes the real ones.
     */
    private void requireSomethingToBackUp(PlanResolver.Resolved resolved, List<TableSchema> sourceTables, String where) {
        if (!resolved.included().isEmpty() || plan.allowsEmptyBackup()) {
            return;
        }
        String why = sourceTables.isEmpty()
                ? where + " has no base table visible to this role; check the schema name (is it spelled as the"
                        + " database spells it?) and the role's privileges"
                : "the plan excludes every table of " + where + " (" + resolved.excluded().size() + " excluded)";
        throw new SchemaMismatchException("", "Nothing to back up: " + why + ". An empty set would become the newest"
                + " set, which retention keeps while it prunes older ones, so the backup fails; nothing was written."
                + " If the schema is empty on purpose, allow it with BackupPlan.builder()...allowEmptyBackup(true)"
                + " (plan file: \"allowEmptyBackup\": true)");
    }

    /**
     * Opens the snapshots of the workers beyond the first: shared with the first where the source
     * can share it, else (when allowed) separate ones.
     *
     * @return whether all workers see one point in time
     */
    private boolean openWorkers(String id, SourceInfo info, SourceSnapshot first, int count,
            List<SourceSnapshot> workers) {
        boolean consistent = true;
        while (workers.size() < count) {
            Optional<SourceSnapshot> shared = first.openShared();
            if (shared.isPresent()) {
                workers.add(shared.get());
                continue;
            }
            if (!parallelism.allowInconsistent()) {
                throw new BackupConfigurationException("Parallel export with " + parallelism.workers()
                        + " connections needs one snapshot shared between connections, which " + info.product()
                        + " cannot offer; back up with parallelism(1) (one connection, one consistent snapshot), or"
                        + " call allowInconsistentParallelExport(true) to accept tables read at different points in time"
                        + " (the set is then marked inconsistent)");
            }
            consistent = false;
            workers.add(source.openSnapshot());
        }
        if (workers.size() > 1) {
            LOG.info("{}: exporting with {} connections ({})", id, workers.size(),
                    consistent ? "one shared snapshot" : "separate snapshots: the set is not one point in time");
        }
        return consistent;
    }

    private SetLease startLease(String id) {
        return SetLease.start(store, id, clock);
    }

    private static void closeAll(String id, List<SourceSnapshot> snapshots) {
        // The first snapshot is the one the others share: close it last.
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            closeQuietly(id, snapshots.get(i));
        }
        snapshots.clear();
    }

    private static void closeQuietly(String id, SourceSnapshot snapshot) {
        try {
            snapshot.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: ending the source snapshot failed (the data already read is unaffected): {}", id, e.toString());
        }
    }

    /** Thrown in a worker that stops because another failed; never reported. */
    private static final class Cancelled extends BackupException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("export cancelled after another worker failed");
        }
    }

    /** The state of one export: part numbers per table, parts written, the first failure. */
    private final class Export {
        private final String id;
        private final List<String> written;
        private final AtomicInteger[] nextIndex;
        private final Queue<Slot> parts = new ConcurrentLinkedQueue<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Export(String id, int tables, List<String> written) {
            this.id = id;
            this.written = written;
            this.nextIndex = new AtomicInteger[tables];
            for (int i = 0; i < tables; i++) {
                nextIndex[i] = new AtomicInteger();
            }
        }

        void run(List<SourceSnapshot> snapshots, List<ExportSchedule.Task> tasks) {
            if (snapshots.size() == 1) {
                for (ExportSchedule.Task task : tasks) {
                    exportSlice(snapshots.get(0), task);
                }
                return;
            }
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
                        failure.compareAndSet(null, new BackupException("Backup '" + id
                                + "' was interrupted; no set was written", e));
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            RuntimeException first = failure.get();
            if (first != null) {
                throw first;
            }
        }

        private void work(SourceSnapshot snapshot, Queue<ExportSchedule.Task> queue) {
            ExportSchedule.Task task;
            while (failure.get() == null && (task = queue.poll()) != null) {
                try {
                    exportSlice(snapshot, task);
                } catch (Cancelled e) {
                    return;
                } catch (RuntimeException | Error e) {
                    RuntimeException cause = e instanceof RuntimeException re ? re
                            : new BackupException("Backup '" + id + "' failed in an export worker: " + e, e);
                    failure.compareAndSet(null, cause);
                    return;
                }
            }
        }

        /** Writes one slice as one or more parts; a key range without rows writes none. */
        void exportSlice(SourceSnapshot snapshot, ExportSchedule.Task task) {
            TableSchema schema = task.table().schema();
            RowCursor cursor = snapshot == null ? null : snapshot.rows(task.query());
            try {
                boolean[] hasRow = {cursor != null && cursor.next()};
                if (!hasRow[0] && task.range() != null) {
                    return;
                }
                do {
                    int index = nextIndex[task.position()].getAndIncrement();
                    String key = partKey(id, task.position(), schema.name(), index);
                    written.add(key);
                    parts.add(new Slot(task.position(), writePart(key, schema, index, cursor, hasRow, failure)));
                } while (hasRow[0]);
            } finally {
                if (cursor != null) {
                    cursor.close();
                }
            }
        }

        /** Every part, grouped by table in restore order, then by index. */
        List<PartInfo> parts() {
            return parts.stream()
                    .sorted(Comparator.comparingInt(Slot::position).thenComparingInt(slot -> slot.part().index()))
                    .map(Slot::part)
                    .toList();
        }
    }

    /** A part written for the table at {@code position} in restore order. */
    private record Slot(int position, PartInfo part) {
    }

    private PartInfo writePart(String key, TableSchema schema, int index, RowCursor cursor, boolean[] hasRow,
            AtomicReference<RuntimeException> otherFailure) {
        long[] rows = new long[1];
        HashingOutputStream[] hashed = new HashingOutputStream[1];
        BackupException[] sourceFailure = new BackupException[1];
        try {
            store.put(key, out -> {
                HashingOutputStream hashing = new HashingOutputStream(out);
                hashed[0] = hashing;
                OutputStream compressed = compress(hashing, key);
                boolean finished = false;
                try {
                    PartWriter writer = PartWriter.start(compressed, Manifest.CURRENT_FORMAT_VERSION, schema.name(), index,
                            schema.columns());
                    try {
                        while (hasRow[0] && (writer.rows() == 0 || writer.uncompressedBytes() < maxPartBytes)) {
                            if (otherFailure.get() != null) {
                                throw new Cancelled();
                            }
                            writer.writeRow(cursor);
                            hasRow[0] = cursor.next();
                        }
                    } catch (BackupException e) {
                        sourceFailure[0] = e; // the cursor or a value failed, not the store
                        throw e;
                    }
                    writer.finish();
                    compressed.close();
                    finished = true;
                    rows[0] = writer.rows();
                } finally {
                    if (!finished && compressed instanceof PipelinedOutputStream pipeline) {
                        pipeline.abort();
                    }
                }
            });
        } catch (BackupStorageException e) {
            // the store reports a failing writer as a storage failure; report what really failed
            if (sourceFailure[0] != null) {
                throw sourceFailure[0];
            }
            throw e;
        }
        return new PartInfo(key, schema.name(), index, rows[0], hashed[0].count(), hashed[0].sha256Hex());
    }

    private OutputStream compress(HashingOutputStream out, String key) {
        if (codec == Codecs.NONE) {
            return out;
        }
        // Compression is half the work of a backup: it runs on its own thread, beside reading and encoding.
        return new PipelinedOutputStream(() -> codec.compress(out, compressionLevel),
                "dbbackup-" + codec.id() + " " + key);
    }

    private void removeQuietly(String id, List<String> keys) {
        // Newest first: a manifest (if one was stored) goes before the parts, as the pruner deletes.
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warn("{}: could not remove '{}' of the failed backup; it stays an incomplete set (never listed,"
                        + " swept by the pruner): {}", id, key, e.toString());
            }
        }
    }

    /**
     * Returns the key of a part: {@code <id>/<position>-<table>-<index><ext>}, the table name reduced
     * to key-safe characters (the manifest maps keys to exact table names).
     *
     * @param id the backup id
     * @param position the table's position in restore order
     * @param table the table name
     * @param index the part index
     * @return the key
     */
    String partKey(String id, int position, String table, int index) {
        String safe = table.replaceAll("[^A-Za-z0-9_-]", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        // Locale.ROOT: under an Arabic or Thai default locale %d would print non-ASCII digits.
        return String.format(java.util.Locale.ROOT, "%s/%04d-%s-%04d%s", id, position, safe, index, codec.extension());
    }
}
