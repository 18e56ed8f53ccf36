package io.github.dbbackup.core.restore;

/**
 * How a restore treats rows already in the target tables.
 *
 * @since 0.1
 */
public enum RestoreMode {
    /** The default: every restored table must be empty, or nothing is written. */
    EMPTY_ONLY,
    /** Insert, or update by primary key when the row exists; rows not in the backup stay. */
    UPSERT,
    /**
     * Delete the restored tables' rows (children first), then insert. Refused when rows of tables
     * outside the backup reference rows it would delete, unless explicitly allowed.
     */
    REPLACE
}
