/**
 * What host applications call: the {@link io.github.dbbackup.core.Backups} facade,
 * {@link io.github.dbbackup.core.BackupReader}, {@link io.github.dbbackup.core.BackupJob}, the codecs
 * ({@link io.github.dbbackup.core.Codecs}) and the exceptions every operation throws. The plan, the
 * manifest model, catalog and verification, retention and restore live in the sub-packages
 * {@code plan}, {@code manifest}, {@code catalog}, {@code retention} and {@code restore}; what third
 * parties implement is in {@code spi}.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation
 * says otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core;
