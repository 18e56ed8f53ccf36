package io.github.dbbackup.core;

import io.github.dbbackup.core.manifest.BackedUpTable;
import io.github.dbbackup.core.manifest.Manifest;
import io.github.dbbackup.core.manifest.PartInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful backup: the manifest that was written and how long it took.
 *
 * @param manifest the complete set's manifest (id, tables, rows, bytes, every part's SHA-256)
 * @param duration wall-clock time from start to the manifest being stored
 * @since 0.1
 */
public record BackupResult(Manifest manifest, Duration duration) {

    /** Checks the components. */
    public BackupResult {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Returns the backup id.
     *
     * @return the id
     */
    public String id() {
        return manifest.id();
    }

    /**
     * Returns the backed-up tables with their row counts and bytes.
     *
     * @return the tables in restore order
     */
    public List<BackedUpTable> tables() {
        return manifest.tables();
    }

    /**
     * Returns every part with its key, rows, bytes and SHA-256.
     *
     * @return the parts
     */
    public List<PartInfo> parts() {
        return manifest.parts();
    }

    /**
     * Returns what the backup found suspicious but not wrong enough to fail, e.g. a table that had
     * rows in the previous complete set and now is empty or holds less than half of them. The same
     * warnings are in the manifest and in the {@code DATABASE_BACKUP_CREATED} audit event.
     *
     * @return the warnings, empty when none
     * @since 0.3
     */
    public List<String> warnings() {
        return manifest.warnings();
    }

    /**
     * Returns the number of rows backed up.
     *
     * @return rows
     */
    public long totalRows() {
        return manifest.totalRows();
    }

    /**
     * Returns the stored size of the set's parts.
     *
     * @return bytes
     */
    public long totalBytes() {
        return manifest.totalBytes();
    }
}
