package io.github.dbbackup.core.catalog;

import io.github.dbbackup.core.Incubating;

/**
 * How thoroughly {@link BackupVerifier} checks a backup set. Each level includes the checks of the
 * levels before it.
 *
 * @since 0.1
 */
public enum VerificationLevel {

    /**
     * The manifest exists and parses, and every part it lists exists in the store with its recorded
     * size. One listing of the set; no part is read. Catches missing and truncated parts, not
     * flipped bytes.
     */
    QUICK,

    /**
     * {@link #QUICK}, then every part is streamed to its end: stored size and SHA-256,
     * decompression, JSON structure and values, trailer, and the row count against the manifest.
     * Reads every stored byte once; memory is one row.
     */
    FULL,

    /**
     * {@link #FULL}, then a restore into a host-provided scratch database with the restorer's
     * checks, rolled back so the scratch database is left as it was found. Needs
     * {@link BackupVerifier.Builder#restoreTestTarget}; without it {@link BackupVerifier#verify}
     * refuses this level with a {@link io.github.dbbackup.core.BackupConfigurationException}.
     */
    @Incubating
    RESTORE_TEST
}
