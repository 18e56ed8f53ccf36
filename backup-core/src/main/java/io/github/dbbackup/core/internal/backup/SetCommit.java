package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.internal.store.SetLease;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import io.github.dbbackup.core.spi.BlobStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a backup: each table's totals from its parts, then the manifest, stored last under the
 * lease's checks (0001, 0015). Until the manifest is stored the set is incomplete: never listed,
 * never restored.
 */
final class SetCommit {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private SetCommit() {
    }

    /**
     * Returns the tables as the manifest records them: schema, exclusions and filter from the plan,
     * rows and bytes summed over their parts.
     *
     * @param id the backup id, for logs
     * @param inOrder the tables in restore order
     * @param parts every part written
     * @return the tables in restore order
     */
    static List<BackedUpTable> tables(String id, List<PlanResolver.IncludedTable> inOrder, List<PartInfo> parts) {
        List<BackedUpTable> tables = new ArrayList<>();
        for (PlanResolver.IncludedTable table : inOrder) {
            List<PartInfo> tableParts = parts.stream().filter(p -> p.table().equals(table.schema().name())).toList();
            long rows = tableParts.stream().mapToLong(PartInfo::rows).sum();
            long bytes = tableParts.stream().mapToLong(PartInfo::bytes).sum();
            tables.add(new BackedUpTable(table.schema(), table.excludedColumns(), table.rowFilter(), rows, bytes));
            LOG.debug("{}: table '{}' backed up: {} rows, {} bytes in {} part(s)", id, table.schema().name(), rows,
                    bytes, tableParts.size());
        }
        return tables;
    }

    /**
     * Stores the manifest, which makes the set complete: the lease stops refreshing, confirms that no
     * prune swept a part, the manifest is stored, the parts are confirmed again (a failure then
     * removes the manifest first) and the lease is released.
     *
     * @param store the store
     * @param lease the set's lease
     * @param written the keys to remove should the commit fail; the manifest's key is added first
     * @param manifest the manifest
     */
    static void commit(BlobStore store, SetLease lease, WrittenKeys written, Manifest manifest) {
        List<PartInfo> parts = manifest.parts();
        String manifestKey = Manifest.keyOf(manifest.id());
        lease.close();
        lease.confirmBeforeCommit(parts);
        written.add(manifestKey);
        store.put(manifestKey, out -> ManifestCodec.write(manifest, out));
        lease.confirmAfterCommit(parts); // a failure removes the manifest again, first
        lease.release();
    }
}
