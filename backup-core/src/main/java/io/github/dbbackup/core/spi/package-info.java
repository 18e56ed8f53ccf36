/**
 * What third parties implement: {@link io.github.dbbackup.core.spi.BlobStore} (where backup sets
 * live), {@link io.github.dbbackup.core.spi.AuditSink} (where audit events go),
 * {@link io.github.dbbackup.core.spi.BackupSource} (where rows come from) and
 * {@link io.github.dbbackup.core.spi.CodecProvider} (codecs beyond gzip and none, found with
 * {@link java.util.ServiceLoader}).
 *
 * <p>Stability: SPI. Evolves only by adding default methods. Everything in this package is non-null
 * unless a member's documentation says otherwise.
 */
package io.github.dbbackup.core.spi;
