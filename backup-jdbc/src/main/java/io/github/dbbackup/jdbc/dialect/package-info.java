/**
 * {@link io.github.dbbackup.jdbc.dialect.GenericDialect}, the ANSI/JDBC fallback every built-in
 * dialect extends, and its generic facets ({@link io.github.dbbackup.jdbc.dialect.GenericSessionControl},
 * {@link io.github.dbbackup.jdbc.dialect.GenericSchemaIntrospection},
 * {@link io.github.dbbackup.jdbc.dialect.GenericTypeMapping},
 * {@link io.github.dbbackup.jdbc.dialect.GenericSqlGeneration},
 * {@link io.github.dbbackup.jdbc.dialect.GenericConstraintControl}) that a dialect's own facets extend.
 *
 * <p>Stability: public API. Non-null by default.
 */
package io.github.dbbackup.jdbc.dialect;
