/**
 * What host applications call to back up a JDBC database: {@link io.github.dbbackup.jdbc.JdbcSource}
 * (a consistent, streaming row source) and {@link io.github.dbbackup.jdbc.JdbcAuditSink} (audit
 * events appended to a host table).
 *
 * <p>Stability: public API. Non-null by default. Main code uses {@code java.sql} only; drivers are
 * the host's.
 */
package io.github.dbbackup.jdbc;
