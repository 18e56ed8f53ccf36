package io.github.dbbackup.jdbc.spi;

/**
 * Creates a {@link BulkLoader}; registered in
 * {@code META-INF/services/io.github.dbbackup.jdbc.spi.BulkLoaderProvider}. A provider that fails to
 * load (for example because its driver is missing) is logged and skipped.
 *
 * @since 0.1
 */
public interface BulkLoaderProvider {

    /**
     * Creates the loader.
     *
     * @return a new loader
     */
    BulkLoader create();
}
