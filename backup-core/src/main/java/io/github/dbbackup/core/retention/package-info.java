/**
 * Retention (docs/RETENTION.md): {@link io.github.dbbackup.core.retention.RetentionPolicy} decides which sets to keep, {@link io.github.dbbackup.core.retention.BackupPruner} plans and deletes the rest, explaining every decision.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.retention;
