/**
 * What host applications call: the {@link io.github.dbbackup.core.Backups} facade, the backup plan
 * ({@link io.github.dbbackup.core.BackupPlan}, {@link io.github.dbbackup.core.TableSpec},
 * {@link io.github.dbbackup.core.ExclusionPolicy}), the manifest model, results and exceptions.
 *
 * <p>Catalog, verification and retention (docs/RETENTION.md):
 * {@link io.github.dbbackup.core.BackupCatalog}, {@link io.github.dbbackup.core.BackupVerifier},
 * {@link io.github.dbbackup.core.RetentionPolicy}, {@link io.github.dbbackup.core.BackupPruner} and
 * {@link io.github.dbbackup.core.BackupJob}.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation
 * says otherwise; absent values are empty collections, empty strings or {@link java.util.Optional}
 * return values.
 */
package io.github.dbbackup.core;
