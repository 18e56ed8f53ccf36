package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.BackupConfigurationException;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.spi.BackupSource;
import io.github.dbbackup.core.spi.SourceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots one export reads from: the first, which the plan was resolved on, and those of the
 * further workers, shared with the first where the source can share it, else (when allowed) separate
 * ones. Closing ends them all, the first last.
 */
final class ExportConnections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private final String id;
    private final List<SourceSnapshot> snapshots = new ArrayList<>();
    private boolean consistent = true;

    /**
     * Takes over the first snapshot.
     *
     * @param id the backup id, for logs
     * @param first the first snapshot; closed by {@link #close()}
     */
    ExportConnections(String id, SourceSnapshot first) {
        this.id = id;
        snapshots.add(first);
    }

    /** Returns the first snapshot. */
    SourceSnapshot first() {
        return snapshots.get(0);
    }

    /**
     * Opens snapshots until there are {@code count}.
     *
     * @param source where separate snapshots come from
     * @param info the source, for the message
     * @param count the snapshots wanted in all
     * @param parallelism whether separate snapshots are allowed
     * @throws BackupConfigurationException when the source cannot share its snapshot and separate
     *     ones are not allowed
     */
    void openWorkers(BackupSource source, SourceInfo info, int count, BackupRunner.Parallelism parallelism) {
        while (snapshots.size() < count) {
            Optional<SourceSnapshot> shared = first().openShared();
            if (shared.isPresent()) {
                snapshots.add(shared.get());
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
            snapshots.add(source.openSnapshot());
        }
        if (snapshots.size() > 1) {
            LOG.info("{}: exporting with {} connections ({})", id, snapshots.size(),
                    consistent ? "one shared snapshot" : "separate snapshots: the set is not one point in time");
        }
    }

    /** Returns the open snapshots, the first first; empty once closed. */
    List<SourceSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /** Returns whether every snapshot sees one point in time. */
    boolean isConsistent() {
        return consistent;
    }

    /**
     * Ends every snapshot, the first (which the others share) last. Failing to end a read-only
     * transaction loses nothing: failures are logged. Idempotent.
     */
    @Override
    public void close() {
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            try {
                snapshots.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("{}: ending the source snapshot failed (the data already read is unaffected): {}", id,
                        e.toString());
            }
        }
        snapshots.clear();
    }
}
