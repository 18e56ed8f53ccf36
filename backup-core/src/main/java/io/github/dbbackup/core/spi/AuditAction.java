package io.github.dbbackup.core.spi;

/**
 * What an audit event records. The first two names are the ones existing monitoring queries look
 * for; they never change.
 *
 * @since 0.1
 */
public enum AuditAction {
    /** A backup set was written completely (details: tables, rows, bytes, durationMs). */
    DATABASE_BACKUP_CREATED,
    /** A backup failed; no complete set was written (details: cause). */
    DATABASE_BACKUP_FAILED,
    /** A backup set was deleted by the pruner (details: reason). */
    BACKUP_PRUNED,
    /** A backup set verified clean (details: level). */
    BACKUP_VERIFIED,
    /** A backup set failed verification (details: level, part, reason). */
    BACKUP_VERIFY_FAILED,
    /** A restore committed (details: tables, rows, durationMs). */
    DATABASE_RESTORE_COMPLETED,
    /** A restore failed and was rolled back (details: cause). */
    DATABASE_RESTORE_FAILED
}
