package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.spi.BlobStore;
import picocli.CommandLine.Option;

/** {@code --store LOCATION [--s3-endpoint URL] [--s3-path-style]}; see {@link Locations}. */
final class StoreOptions {

    @Option(names = "--store", required = true, paramLabel = "LOCATION",
            description = "Where the backup sets are: a directory, file:PATH, or s3://bucket/prefix.")
    String location;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3-compatible endpoint for s3:// locations (default: AWS). Region and credentials come"
                    + " from the standard AWS environment variables.")
    String s3Endpoint;

    @Option(names = "--s3-path-style", description = "Use path-style S3 addressing (MinIO and most S3-compatible stores).")
    boolean s3PathStyle;

    /**
     * Opens the store.
     *
     * @param create whether a missing directory is created (backup only)
     * @return the store
     */
    BlobStore open(boolean create) {
        return Locations.open(location, new Locations.S3Settings(s3Endpoint, s3PathStyle), create);
    }
}
