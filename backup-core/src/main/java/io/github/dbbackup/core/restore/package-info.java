/**
 * Restore: {@link io.github.dbbackup.core.restore.Restorer} loads a set into a target in foreign-key order; its plan (dry run), options, modes and report.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.restore;
