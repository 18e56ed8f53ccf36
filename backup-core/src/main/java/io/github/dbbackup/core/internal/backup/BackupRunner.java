package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.SchemaMismatchException;
import io.github.dbbackup.core.event.Operation;
import io.github.dbbackup.core.internal.Listeners;
import io.github.dbbackup.core.internal.OperationEvents;
import io.github.dbbackup.core.internal.SafeAudit;
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
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one backup: snapshot, plan, parts, manifest last, audit. Either a complete set exists
 * afterwards, or the call throws, records {@code DATABASE_BACKUP_FAILED}, and removes the parts it
 * wrote (best effort; leftovers are an incomplete set that is never listed and is swept later).
 *
 * <p>The stages are parts of this package: {@link ExportConnections} (the snapshots),
 * {@link ExportSchedule} (the slices), {@link ParallelExport} (the workers, with a {@link FirstFailure}
 * that stops them all), {@link PartExporter} (one part, returned as the manifest records it),
 * {@link SetCommit} (the manifest, last) and {@link WrittenKeys} (the cleanup after a failure). They
 * log under this class's name, which hosts configure.
 *
 * <p>Listeners hear {@link Operation#BACKUP}: {@code operationStarted} once the tables are known (with
 * the sum of the source's row estimates), each table's start, rows, parts and finish (from the export
 * threads), then {@code operationFinished} after the manifest is stored, or {@code operationFailed}
 * with the exception the caller is thrown.
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
     * @param listeners who hears the backup's progress
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
        OperationEvents events = new OperationEvents(listeners, Operation.BACKUP, id, clock, createdAt);
        WrittenKeys written = new WrittenKeys(id, store);
        LOG.info("{}: backup started into {}", id, store.describe());
        ExportConnections connections = null;
        SetLease lease = null;
        try {
            connections = new ExportConnections(id, source.openSnapshot());
            SourceSnapshot snapshot = connections.first();
            SourceInfo info = snapshot.info();
            String where = "schema '" + info.schema() + "' of " + info.product();
            List<TableSchema> sourceTables = snapshot.tables();
            PlanResolver.Resolved resolved = PlanResolver.resolve(plan, sourceTables, snapshot.objectsNotCarried(), where);
            requireSomethingToBackUp(resolved, sourceTables, where);
            Map<String, PlanResolver.IncludedTable> byName = new LinkedHashMap<>();
            resolved.included().forEach(t -> byName.put(t.schema().name(), t));
            List<String> order = RestoreOrder.of(resolved.included().stream().map(PlanResolver.IncludedTable::schema).toList());
            List<PlanResolver.IncludedTable> inOrder = order.stream().map(byName::get).toList();
            List<Long> estimates = estimates(snapshot, inOrder, events);
            events.started(inOrder.size(), expectedRows(estimates), false);
            // The full tables (not narrowed to the plan's columns): a table that cannot be read whole fails here.
            snapshot.checkReadable(sourceTables.stream().filter(t -> order.contains(t.name())).toList());
            if (!store.list(id + "/").isEmpty()) {
                throw new BackupStorageException(id, "Backup set '" + id + "' already exists in " + store.describe()
                        + "; a backup never overwrites a set. Check the clock and retry", null);
            }
            // The lease keeps prunes from sweeping the set while it is written, whatever their clocks (0015).
            written.add(SetLease.keyOf(id));
            lease = SetLease.start(store, id, clock);

            List<ExportSchedule.Task> tasks = parallelism.workers() == 1 ? ExportSchedule.serial(inOrder)
                    : ExportSchedule.parallel(snapshot, inOrder, estimates, parallelism.workers(),
                            parallelism.splitMinRows());
            connections.openWorkers(source, info, Math.min(parallelism.workers(), tasks.size()), parallelism);
            FirstFailure failure = new FirstFailure(id);
            PartExporter exporter = new PartExporter(store, codec, compressionLevel, maxPartBytes, failure);
            List<PartInfo> parts = new ParallelExport(id, inOrder, estimates, tasks, exporter, written, events, failure)
                    .run(connections.snapshots());
            List<BackedUpTable> tables = SetCommit.tables(id, inOrder, parts);
            int connectionCount = connections.snapshots().size();
            boolean consistent = connections.isConsistent();
            // Every row is read: end the snapshots now. Failing to end a read-only transaction loses nothing.
            connections.close();
            List<String> warnings = RowCountWarnings.previous(id, store, clock)
                    .map(previous -> RowCountWarnings.compare(previous, info, tables, resolved.excluded()))
                    .orElse(List.of());
            warnings.forEach(w -> LOG.warn("{}: {}", id, w));
            Manifest manifest = new Manifest(Manifest.CURRENT_FORMAT_VERSION, id, createdAt, clock.instant(), info,
                    codec.id(), plan.isStrict(), tables, resolved.excluded(), order, parts, consistent, warnings);
            SetCommit.commit(store, lease, written, manifest);
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            BackupResult result = new BackupResult(manifest, duration);
            LOG.info("{}: backup complete: {} tables, {} rows, {} bytes in {} ms", id, tables.size(),
                    result.totalRows(), result.totalBytes(), duration.toMillis());
            recordCreated(result, info, connectionCount, consistent);
            events.finished(tables.size(), result.totalRows(), result.totalBytes());
            return result;
        } catch (RuntimeException e) {
            BackupException failure = e instanceof BackupException be ? be
                    : new BackupException("Backup '" + id + "' failed unexpectedly: " + e, e);
            if (lease != null) {
                lease.close(); // no refresh may store the lease again after it is removed
            }
            written.removeQuietly();
            LOG.error("{}: backup failed: {}", id, failure.getMessage());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cause", failure.getMessage());
            details.put("type", failure.getClass().getSimpleName());
            details.put("durationMs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_FAILED, clock.instant(), id,
                    details));
            events.failed(failure);
            throw failure;
        } finally {
            if (lease != null) {
                lease.close();
            }
            if (connections != null) {
                connections.close();
            }
        }
    }

    /**
     * Asks the snapshot for each table's estimated rows: always for a parallel export (it orders and
     * splits by them), else only when a listener hears them, so that a serial backup nobody watches
     * asks the database nothing more.
     *
     * @return the estimates in restore order, {@code -1} for unknown
     */
    private List<Long> estimates(SourceSnapshot snapshot, List<PlanResolver.IncludedTable> inOrder,
            OperationEvents events) {
        if (parallelism.workers() == 1 && events.isSilent()) {
            return Collections.nCopies(inOrder.size(), -1L);
        }
        return inOrder.stream().map(t -> snapshot.estimatedRows(t.schema())).toList();
    }

    /**
     * Returns the rows a backup expects: the sum of the known estimates, {@code -1} when no table has
     * one (tables without an estimate count as none: statistics are missing mostly for small tables).
     */
    private static long expectedRows(List<Long> estimates) {
        if (!estimates.isEmpty() && estimates.stream().allMatch(e -> e < 0)) {
            return -1;
        }
        return estimates.stream().mapToLong(e -> Math.max(0, e)).sum();
    }

    private void recordCreated(BackupResult result, SourceInfo info, int connections, boolean consistent) {
        Manifest manifest = result.manifest();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tables", manifest.tables().size());
        details.put("rows", result.totalRows());
        details.put("bytes", result.totalBytes());
        details.put("parts", manifest.parts().size());
        details.put("durationMs", result.duration().toMillis());
        details.put("source", info.product());
        details.put("schema", info.schema());
        details.put("store", store.describe());
        if (connections > 1) {
            details.put("connections", connections);
            details.put("consistent", consistent);
        }
        if (!manifest.warnings().isEmpty()) {
            // Audit details hold strings, numbers and booleans only: one line per warning.
            details.put("warnings", String.join("\n", manifest.warnings()));
        }
        SafeAudit.record(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, clock.instant(), manifest.id(),
                details));
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
}
