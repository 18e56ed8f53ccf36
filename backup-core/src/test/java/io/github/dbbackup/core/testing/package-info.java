/**
 * Reusable test fixtures for dbbackup modules, shipped in backup-core's test-jar: an in-memory
 * {@link io.github.dbbackup.core.testing.FakeBackupSource} with close-recording snapshots and
 * cursors, a {@link io.github.dbbackup.core.testing.RecordingAuditSink}, a
 * {@link io.github.dbbackup.core.testing.FaultInjectingBlobStore} wrapper, a
 * {@link io.github.dbbackup.core.testing.MutableClock} and schema factories
 * ({@link io.github.dbbackup.core.testing.Schemas}).
 *
 * <p>Stability: test support; may change in any release. Non-null by default.
 */
package io.github.dbbackup.core.testing;
