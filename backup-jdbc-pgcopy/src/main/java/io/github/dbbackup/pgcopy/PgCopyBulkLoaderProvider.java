package io.github.dbbackup.pgcopy;

import io.github.dbbackup.jdbc.spi.BulkLoader;
import io.github.dbbackup.jdbc.spi.BulkLoaderProvider;

/**
 * Registers {@link PgCopyBulkLoader} with {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class PgCopyBulkLoaderProvider implements BulkLoaderProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public PgCopyBulkLoaderProvider() {
    }

    @Override
    public BulkLoader create() {
        return new PgCopyBulkLoader();
    }
}
