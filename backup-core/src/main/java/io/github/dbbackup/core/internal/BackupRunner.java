package io.github.dbbackup.core.internal;

import io.github.dbbackup.core.BackedUpTable;
import io.github.dbbackup.core.BackupException;
import io.github.dbbackup.core.BackupPlan;
import io.github.dbbackup.core.BackupResult;
import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.Codec;
import io.github.dbbackup.core.Manifest;
import io.github.dbbackup.core.PartInfo;
import io.github.dbbackup.core.SourceInfo;
import io.github.dbbackup.core.TableSchema;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.format.PartWriter;
import io.github.dbbackup.core.spi.AuditAction;
import io.github.dbbackup.core.spi.AuditEvent;
import io.github.dbbackup.core.spi.AuditSink;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.RowCursor;
import io.github.dbbackup.core.spi.RowQuery;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final BackupPlan plan;
    private final AuditSink audit;
    private final Clock clock;
    private final Codec codec;
    private final long maxPartBytes;
    private final int compressionLevel;
    private final BackupIds ids;

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
     * @param compressionLevel the gzip level, 1 to 9
     * @param ids the id generator
     */
    public BackupRunner(BackupSource source, BlobStore store, BackupPlan plan, AuditSink audit, Clock clock, Codec codec,
            long maxPartBytes, int compressionLevel, BackupIds ids) {
        this.source = source;
        this.store = store;
        this.plan = plan;
        this.audit = audit;
        this.clock = clock;
        this.codec = codec;
        this.maxPartBytes = maxPartBytes;
        this.compressionLevel = compressionLevel;
        this.ids = ids;
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
        List<String> written = new ArrayList<>();
        LOG.info("{}: backup started into {}", id, store.describe());
        SourceSnapshot snapshot = null;
        try {
            snapshot = source.openSnapshot();
            SourceInfo info = snapshot.info();
            String where = "schema '" + info.schema() + "' of " + info.product();
            PlanResolver.Resolved resolved = PlanResolver.resolve(plan, snapshot.tables(), where);
            if (!store.list(id + "/").isEmpty()) {
                throw new BackupStorageException(id, "Backup set '" + id + "' already exists in " + store.describe()
                        + "; a backup never overwrites a set. Check the clock and retry", null);
            }
            Map<String, PlanResolver.IncludedTable> byName = new LinkedHashMap<>();
            resolved.included().forEach(t -> byName.put(t.schema().name(), t));
            List<String> order = RestoreOrder.of(resolved.included().stream().map(PlanResolver.IncludedTable::schema).toList());

            List<BackedUpTable> tables = new ArrayList<>();
            List<PartInfo> parts = new ArrayList<>();
            for (int position = 0; position < order.size(); position++) {
                PlanResolver.IncludedTable table = byName.get(order.get(position));
                List<PartInfo> tableParts = exportTable(snapshot, id, position, table, written);
                parts.addAll(tableParts);
                long rows = tableParts.stream().mapToLong(PartInfo::rows).sum();
                long bytes = tableParts.stream().mapToLong(PartInfo::bytes).sum();
                tables.add(new BackedUpTable(table.schema(), table.excludedColumns(), table.rowFilter(), rows, bytes));
                LOG.debug("{}: table '{}' backed up: {} rows, {} bytes in {} part(s)", id, table.schema().name(), rows,
                        bytes, tableParts.size());
            }
            // Every row is read: end the snapshot now. Failing to end a read-only transaction loses nothing.
            closeQuietly(id, snapshot);
            snapshot = null;
            Manifest manifest = new Manifest(Manifest.CURRENT_FORMAT_VERSION, id, createdAt, clock.instant(), info,
                    codec.id(), plan.isStrict(), tables, resolved.excluded(), order, parts);
            String manifestKey = Manifest.keyOf(id);
            written.add(manifestKey);
            store.put(manifestKey, out -> ManifestCodec.write(manifest, out));
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
            CompositeAuditSink.recordSafely(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_CREATED, clock.instant(), id,
                    details));
            return result;
        } catch (RuntimeException e) {
            BackupException failure = e instanceof BackupException be ? be
                    : new BackupException("Backup '" + id + "' failed unexpectedly: " + e, e);
            removeQuietly(id, written);
            LOG.error("{}: backup failed: {}", id, failure.getMessage());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cause", failure.getMessage());
            details.put("type", failure.getClass().getSimpleName());
            details.put("durationMs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            CompositeAuditSink.recordSafely(audit, new AuditEvent(AuditAction.DATABASE_BACKUP_FAILED, clock.instant(), id,
                    details));
            throw failure;
        } finally {
            if (snapshot != null) {
                closeQuietly(id, snapshot);
            }
        }
    }

    private static void closeQuietly(String id, SourceSnapshot snapshot) {
        try {
            snapshot.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: ending the source snapshot failed (the data already read is unaffected): {}", id, e.toString());
        }
    }

    private List<PartInfo> exportTable(SourceSnapshot snapshot, String id, int position, PlanResolver.IncludedTable table,
            List<String> written) {
        TableSchema schema = table.schema();
        RowQuery query = new RowQuery(schema, schema.columns(), schema.primaryKey(), table.rowFilter());
        List<PartInfo> parts = new ArrayList<>();
        try (RowCursor cursor = snapshot.rows(query)) {
            boolean[] hasRow = {cursor.next()};
            int index = 0;
            do {
                String key = partKey(id, position, schema.name(), index);
                written.add(key);
                parts.add(writePart(key, schema, index, cursor, hasRow));
                index++;
            } while (hasRow[0]);
        }
        return parts;
    }

    private PartInfo writePart(String key, TableSchema schema, int index, RowCursor cursor, boolean[] hasRow) {
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
        if (codec == Codec.NONE) {
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
