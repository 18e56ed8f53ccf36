/**
 * {@link io.github.dbbackup.jdbc.dialect.GenericDialect}, the ANSI/JDBC fallback every built-in
 * dialect extends.
 *
 * <p>Stability: public API. Non-null by default.
 */
package io.github.dbbackup.jdbc.dialect;
