package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.storage.s3.S3BlobStore;
import io.github.dbbackup.storage.fs.FileSystemBlobStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@code --store LOCATION} into a {@link BlobStore}, one method per scheme:
 * <ul>
 *   <li>a directory path ({@code /var/backups/app}, {@code backups}) or {@code file:PATH}
 *       ({@code file:/var/backups/app}, {@code file:///var/backups/app}, {@code file:backups}):
 *       {@link FileSystemBlobStore};</li>
 *   <li>{@code s3://bucket/prefix}, with {@code --s3-endpoint URL} and {@code --s3-path-style}:
 *       {@code S3BlobStore}.</li>
 * </ul>
 * Commands that only read ({@code restore}, {@code verify}, {@code list}, {@code prune},
 * {@code pin}, {@code unpin}) refuse a directory that does not exist instead of creating an empty
 * store; {@code backup} creates it.
 */
final class Locations {

    /** A URI scheme of two or more characters, so that {@code C:\backups} stays a path. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

    private Locations() {
    }

    /**
     * S3 settings from the command line.
     *
     * @param endpoint {@code --s3-endpoint}, or {@code null} for AWS
     * @param pathStyle {@code --s3-path-style}
     */
    record S3Settings(String endpoint, boolean pathStyle) {
    }

    /**
     * Opens the store a location names.
     *
     * @param location the {@code --store} value
     * @param s3 the S3 settings (ignored by other schemes)
     * @param create whether a missing directory is created (backup) or refused (everything else)
     * @return the store
     * @throws UsageException when the location is malformed or its scheme is not supported
     * @throws CommandFailedException when a directory store does not exist and {@code create} is false
     */
    static BlobStore open(String location, S3Settings s3, boolean create) {
        if (location == null || location.isBlank()) {
            throw new UsageException("--store was empty; pass a directory, file:PATH or s3://bucket/prefix");
        }
        Matcher scheme = SCHEME.matcher(location);
        if (!scheme.matches()) {
            return directory(path(location, location), create);
        }
        return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
            case "file" -> file(location, create);
            case "s3" -> s3(location, s3);
            default -> throw new UsageException("--store '" + location + "' has the unsupported scheme '"
                    + scheme.group(1) + ":'; pass a directory, file:PATH or s3://bucket/prefix");
        };
    }

    /**
     * A store in a local or mounted directory.
     *
     * @param dir the directory
     * @param create whether to create it when it is missing
     * @return the store
     */
    static BlobStore directory(Path dir, boolean create) {
        if (!create && !Files.isDirectory(dir)) {
            throw new CommandFailedException("Store directory '" + dir.toAbsolutePath().normalize() + "' does not exist"
                    + " (or is not a directory); check --store, or run a backup into it first");
        }
        return FileSystemBlobStore.of(dir);
    }

    /**
     * A store at a {@code file:} URI: {@code file:PATH} (relative or absolute) or {@code file:///abs/path}.
     *
     * @param location the location
     * @param create whether to create the directory when it is missing
     * @return the store
     */
    static BlobStore file(String location, boolean create) {
        String rest = location.substring("file:".length());
        if (rest.startsWith("//")) {
            try {
                return directory(Path.of(URI.create(location)), create);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--store '" + location + "' is not a valid file: URI (" + e.getMessage()
                        + "); use file:/absolute/path or file:relative/path");
            }
        }
        if (rest.isEmpty()) {
            throw new UsageException("--store 'file:' names no directory; use file:/absolute/path or file:relative/path");
        }
        return directory(path(rest, location), create);
    }

    /**
     * A store in an S3 bucket; region and credentials from the AWS SDK's default chains.
     *
     * @param location {@code s3://bucket/prefix}
     * @param settings the endpoint and addressing style
     * @return the store
     * @throws UsageException when the location or the endpoint is not a valid URI
     */
    static BlobStore s3(String location, S3Settings settings) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--store '" + location + "' is not a valid s3:// URI; use s3://bucket/prefix");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("--store '" + location + "' names no bucket; use s3://bucket/prefix");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        // Region and credentials come from the AWS SDK's default chains (AWS_REGION, AWS_ACCESS_KEY_ID, …).
        S3BlobStore.Builder builder = S3BlobStore.builder().bucket(uri.getHost()).prefix(prefix);
        if (settings.endpoint() != null) {
            URI endpoint;
            try {
                endpoint = URI.create(settings.endpoint());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--s3-endpoint '" + settings.endpoint() + "' is not a valid URL");
            }
            // A custom endpoint is an S3-compatible store: checksums the way such servers accept them.
            builder.endpointOverride(endpoint).pathStyleAccess(settings.pathStyle()).compatibleMode(true);
        } else if (settings.pathStyle()) {
            builder.pathStyleAccess(true);
        }
        return builder.build();
    }

    private static Path path(String text, String location) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("--store '" + location + "' is not a valid path: " + e.getMessage());
        }
    }
}
