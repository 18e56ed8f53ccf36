package io.github.dbbackup.jdbc.spi;

/**
 * Creates a {@link Dialect}; registered in {@code META-INF/services/io.github.dbbackup.jdbc.spi.DialectProvider}
 * so that third-party dialects are found with {@link java.util.ServiceLoader} when the host passes
 * none explicitly. Built-in dialects are matched first. A provider that fails to load is logged and
 * skipped; two providers whose dialects both support the product is an error listing both.
 *
 * @since 0.1
 */
public interface DialectProvider {

    /**
     * Creates the dialect.
     *
     * @return a new dialect instance
     */
    Dialect create();
}
