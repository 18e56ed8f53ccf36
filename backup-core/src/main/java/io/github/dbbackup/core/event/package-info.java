/**
 * Watching work in progress: a {@link io.github.dbbackup.core.event.ProgressListener} given to
 * {@link io.github.dbbackup.core.DbBackup} (or to one facade's builder) hears when a backup, restore
 * or verification starts, each table it starts and finishes, rows so far, each part written or read,
 * and how the operation ended. Progress bars, metrics and host dashboards are built on it; the audit
 * trail ({@link io.github.dbbackup.core.spi.AuditSink}) stays the record of what happened.
 *
 * <p>Stability: public API. Events are immutable records; new event methods are added to the
 * listener as default methods. Everything in this package is non-null.
 */
package io.github.dbbackup.core.event;
