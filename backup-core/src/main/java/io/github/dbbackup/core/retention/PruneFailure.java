package io.github.dbbackup.core.retention;

import java.util.Objects;

/**
 * A deletion that a prune could not finish. The pruner deletes a set's manifest first, so a set
 * whose manifest is gone is incomplete (never listed) and the next prune sweeps what is left once
 * the grace period has passed.
 *
 * @param id the backup id; empty when the failure concerns the whole store (e.g. listing it failed)
 * @param key the blob key or prefix whose operation failed
 * @param message what failed, what state the set is in, and what to do next
 * @since 0.1
 */
public record PruneFailure(String id, String key, String message) {

    /** Checks the components. */
    public PruneFailure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
