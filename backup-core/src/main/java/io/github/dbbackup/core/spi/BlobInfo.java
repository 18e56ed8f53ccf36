package io.github.dbbackup.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored blob as a listing reports it.
 *
 * @param key the key, relative to the store
 * @param size the size in bytes
 * @param lastModified when the store last wrote it (informational; the catalog never trusts it
 *     alone)
 * @since 0.1
 */
public record BlobInfo(String key, long size, Instant lastModified) {

    /** Checks the components. */
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("size was " + size + " but it must not be negative");
        }
    }
}
