/**
 * A Micronaut 4 service that embeds dbbackup: a daily 03:00 UTC backup followed by a prune, a
 * bearer-protected trigger endpoint ({@code /api/cron/backup-database}), a backup list
 * ({@code /api/backups}), a health indicator that turns DOWN when the newest backup is older than
 * 26 hours, an audit trail in the application's {@code audit_log} table, and one backup at a time
 * across replicas through {@link io.github.dbbackup.jdbc.JdbcBackupLock}.
 *
 * <p>Stability: example code, not published; copy what you need. Non-null by default.
 */
package io.github.dbbackup.examples.micronaut;
