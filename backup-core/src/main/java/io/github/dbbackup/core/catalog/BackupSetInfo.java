package io.github.dbbackup.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One complete backup set as {@link BackupCatalog} lists it: the figures from its manifest, whether
 * it is pinned, and its last verification.
 *
 * @param id the backup id, e.g. {@code backup-20261129T030000Z-k3f9q2}
 * @param createdAt when the backup started, from the manifest (authoritative; the id's time may
 *     differ by up to a second)
 * @param tables the number of backed-up tables
 * @param rows the number of rows over all tables
 * @param bytes the stored size of the set's parts, as the manifest records it
 * @param codec the parts' compression, a {@link io.github.dbbackup.core.spi.Codec#id()} ({@code gzip}, {@code none}, {@code zstd})
 * @param pinned whether the set carries a pin marker; pinned sets are never pruned
 * @param lastVerification the result of the set's last verification, or {@code null} when it was
 *     never verified (or its sidecar is unreadable)
 * @param warnings the warnings its manifest records (a table that lost most of its rows since the
 *     previous set, …), empty when none (since 0.3)
 * @since 0.1
 */
public record BackupSetInfo(
        String id,
        Instant createdAt,
        int tables,
        long rows,
        long bytes,
        String codec,
        boolean pinned,
        VerificationResult lastVerification,
        List<String> warnings) {

    /**
     * A set whose manifest records no warnings.
     *
     * @param id the backup id
     * @param createdAt when the backup started
     * @param tables the number of backed-up tables
     * @param rows the number of rows over all tables
     * @param bytes the stored size of the set's parts
     * @param codec the parts' compression
     * @param pinned whether the set is pinned
     * @param lastVerification the last verification, or {@code null}
     */
    public BackupSetInfo(String id, Instant createdAt, int tables, long rows, long bytes, String codec, boolean pinned,
            VerificationResult lastVerification) {
        this(id, createdAt, tables, rows, bytes, codec, pinned, lastVerification, List.of());
    }

    /** Checks the components. */
    public BackupSetInfo {
        Objects.requireNonNull(id, "id");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(codec, "codec");
        if (tables < 0 || rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("set '" + id + "': tables, rows and bytes must not be negative");
        }
        if (lastVerification != null && !lastVerification.backupId().equals(id)) {
            throw new IllegalArgumentException("set '" + id + "': lastVerification describes set '"
                    + lastVerification.backupId() + "'");
        }
    }

    /**
     * Returns whether the set's last verification passed.
     *
     * @return {@code true} when it was verified, at any level, and every check passed
     */
    public boolean isVerified() {
        return lastVerification != null && lastVerification.isOk();
    }
}
