package io.github.dbbackup.core;

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
     * checks, leaving the scratch database as it found it. Not available yet: until a restore
     * tester (a {@link Restorer} onto a scratch target) can be plugged into
     * {@link BackupVerifier.Builder}, {@link BackupVerifier#verify} refuses this level with a
     * {@link BackupConfigurationException}.
     */
    @Incubating
    RESTORE_TEST
}
