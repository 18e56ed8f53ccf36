/**
 * What third parties implement to support another database: {@link io.github.dbbackup.jdbc.spi.Dialect}
 * and its facets ({@link io.github.dbbackup.jdbc.spi.SessionControl},
 * {@link io.github.dbbackup.jdbc.spi.SchemaIntrospection}, {@link io.github.dbbackup.jdbc.spi.TypeMapping},
 * {@link io.github.dbbackup.jdbc.spi.SqlGeneration}, {@link io.github.dbbackup.jdbc.spi.ConstraintControl},
 * {@link io.github.dbbackup.jdbc.spi.SequenceControl}, {@link io.github.dbbackup.jdbc.spi.AccessChecks}),
 * found through {@link io.github.dbbackup.jdbc.spi.DialectProvider} and {@link java.util.ServiceLoader}
 * or passed explicitly; and {@link io.github.dbbackup.jdbc.spi.BulkLoader}.
 *
 * <p>Stability: SPI; evolves only by adding default methods. Non-null by default.
 */
package io.github.dbbackup.jdbc.spi;
