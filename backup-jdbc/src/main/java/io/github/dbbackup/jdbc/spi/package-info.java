/**
 * What third parties implement to support another database: {@link io.github.dbbackup.jdbc.spi.Dialect},
 * found through {@link io.github.dbbackup.jdbc.spi.DialectProvider} and {@link java.util.ServiceLoader}
 * or passed explicitly.
 *
 * <p>Stability: SPI; evolves only by adding default methods. Non-null by default.
 */
package io.github.dbbackup.jdbc.spi;
