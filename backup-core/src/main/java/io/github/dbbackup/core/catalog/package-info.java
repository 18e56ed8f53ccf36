/**
 * What is in a store and whether it can be trusted: {@link io.github.dbbackup.core.catalog.BackupCatalog} lists, pins and reports freshness; {@link io.github.dbbackup.core.catalog.BackupVerifier} re-reads sets and records the result.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.catalog;
