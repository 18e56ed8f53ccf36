/**
 * What host applications call to back up and restore a JDBC database:
 * {@link io.github.dbbackup.jdbc.JdbcSource} (a consistent, streaming row source),
 * {@link io.github.dbbackup.jdbc.JdbcTarget} (the all-or-nothing restore target),
 * {@link io.github.dbbackup.jdbc.JdbcAuditSink} (audit events appended to a host table) and
 * {@link io.github.dbbackup.jdbc.JdbcBackupLock} (one backup at a time across replicas).
 *
 * <p>Stability: public API. Non-null by default. Main code uses {@code java.sql} only; drivers are
 * the host's.
 */
package io.github.dbbackup.jdbc;
