package io.github.dbbackup.core.event;

/**
 * The operations a {@link ProgressListener} hears about.
 *
 * @since 0.2
 */
public enum Operation {
    /** A backup: rows read from the source, parts written to the store. */
    BACKUP,
    /** A restore (or a dry run's test restore): parts read from the store, rows written to the target. */
    RESTORE,
    /** A verification: parts read and checked against the manifest. */
    VERIFY
}
