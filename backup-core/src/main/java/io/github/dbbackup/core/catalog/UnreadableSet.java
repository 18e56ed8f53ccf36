package io.github.dbbackup.core.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * A set whose manifest exists but cannot be used: it is corrupt, foreign, of a format version this
 * dbbackup does not read, or names another set. Never counted as complete and never pruned
 * automatically (it may come from a newer dbbackup): an operator inspects it, then deletes it or
 * upgrades dbbackup.
 *
 * @param id the backup id
 * @param startedAt the UTC time the id carries
 * @param manifestKey the manifest's key
 * @param reason why the manifest cannot be used
 * @since 0.1
 */
public record UnreadableSet(String id, Instant startedAt, String manifestKey, String reason) {

    /** Checks the components. */
    public UnreadableSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(manifestKey, "manifestKey");
        Objects.requireNonNull(reason, "reason");
    }
}
