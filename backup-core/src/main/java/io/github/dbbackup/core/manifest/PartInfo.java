package io.github.dbbackup.core.manifest;

import java.util.Objects;

/**
 * One part of a backup set: a blob holding some rows of one table.
 *
 * @param key the blob key, relative to the store
 * @param table the table whose rows it holds
 * @param index the part's position among the table's parts, from 0
 * @param rows the number of rows in the part
 * @param bytes the stored (compressed) size in bytes
 * @param sha256 the lowercase hex SHA-256 of the stored bytes
 * @since 0.1
 */
public record PartInfo(String key, String table, int index, long rows, long bytes, String sha256) {

    /** Checks the components. */
    public PartInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sha256, "sha256");
        if (index < 0 || rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("part '" + key + "': index, rows and bytes must not be negative");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("part '" + key + "': sha256 was '" + sha256
                    + "' but it must be 64 lowercase hex digits");
        }
    }
}
