package io.github.dbbackup.core.internal.backup;

import io.github.dbbackup.core.catalog.BackupCatalog;
import io.github.dbbackup.core.catalog.BackupSetInfo;
import io.github.dbbackup.core.internal.format.ManifestCodec;
import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.SourceInfo;
import io.github.dbbackup.core.plan.ExcludedTable;
import io.github.dbbackup.core.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a new backup's row counts with the previous complete set of the same source, so that a
 * table that was emptied or lost most of its rows since (a bad migration, a truncate, a role that now
 * sees fewer rows) does not pass unnoticed as a "complete" set that retention then protects.
 *
 * <p>The rule (docs/decisions/0012): a table that had {@code p > 0} rows in the previous set warns
 * when it now has fewer than half of them ({@code 2 * rows < p}, which includes {@code 0}), or when
 * it is no longer in the set and not excluded either. A table whose row filter changed is not
 * compared (the filter explains the difference). Sets of another product or schema are not compared.
 * The comparison never fails a backup: a store that cannot be listed or a previous manifest that
 * cannot be read only costs the warnings.
 */
final class RowCountWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(RowCountWarnings.class);

    private RowCountWarnings() {
    }

    /**
     * Reads the newest complete set of {@code store}, if any, for {@link #compare}.
     *
     * @param id the running backup's id, for log lines
     * @param store the store
     * @param clock the clock
     * @return the previous manifest, empty when there is none or it cannot be read
     */
    static Optional<Manifest> previous(String id, BlobStore store, Clock clock) {
        try {
            Optional<BackupSetInfo> latest = BackupCatalog.of(store, clock).latest();
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            String key = Manifest.keyOf(latest.get().id());
            try (InputStream in = store.open(key)) {
                return Optional.of(ManifestCodec.read(in, key));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not read the previous set to compare row counts (the backup is unaffected): {}", id,
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * Returns one warning per table that lost most of its rows since {@code previous}.
     *
     * @param previous the previous complete set
     * @param source the new backup's source
     * @param tables the new backup's tables
     * @param excluded the new backup's excluded tables
     * @return the warnings, in the previous set's table order
     */
    static List<String> compare(Manifest previous, SourceInfo source, List<BackedUpTable> tables,
            List<ExcludedTable> excluded) {
        List<String> warnings = new ArrayList<>();
        if (!previous.source().product().equals(source.product()) || !previous.source().schema().equals(source.schema())) {
            return warnings;
        }
        for (BackedUpTable before : previous.tables()) {
            if (before.rows() == 0) {
                continue;
            }
            Optional<BackedUpTable> now = tables.stream().filter(t -> t.name().equals(before.name())).findFirst();
            if (now.isEmpty()) {
                if (excluded.stream().noneMatch(x -> x.table().equals(before.name()))) {
                    warnings.add("table '" + before.name() + "' had " + before.rows() + " rows in the previous set '"
                            + previous.id() + "' and is not in this set");
                }
                continue;
            }
            long rows = now.get().rows();
            // 2 * rows < before, written without overflow
            if (!now.get().rowFilter().equals(before.rowFilter()) || rows >= before.rows() - rows) {
                continue;
            }
            warnings.add("table '" + before.name() + "' has " + rows + " rows, the previous set '" + previous.id()
                    + "' had " + before.rows() + (rows == 0 ? " (it is now empty)" : " (it lost more than half)")
                    + "; check that no rows were lost before relying on this set");
        }
        return warnings;
    }
}
