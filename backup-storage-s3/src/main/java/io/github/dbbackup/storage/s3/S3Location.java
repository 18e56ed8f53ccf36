package io.github.dbbackup.storage.s3;

import io.github.dbbackup.core.BackupStorageException;
import io.github.dbbackup.core.BlobNotFoundException;
import io.github.dbbackup.core.spi.BlobStore;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a store's blobs live — bucket, key prefix, endpoint and region — and how messages name
 * that place. Maps blob keys to object keys and builds the exceptions every part of the store
 * throws, so that each names the key, the bucket and the endpoint the same way. Immutable.
 */
final class S3Location {

    private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._/-]*");
    /** How explanations name the server; the message around them names the endpoint already. */
    private static final String SERVER = "the server";

    private final String bucket;
    private final String prefix;
    private final String keyPrefix;
    private final URI endpoint;
    private final String region;

    /**
     * @param bucket the bucket
     * @param prefix the key prefix without a trailing slash, empty for the bucket's root
     * @param endpoint the endpoint safe to show, {@code null} for AWS's
     * @param region the region, {@code null} when unknown
     */
    S3Location(String bucket, String prefix, URI endpoint, String region) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.keyPrefix = prefix.isEmpty() ? "" : prefix + "/";
        this.endpoint = endpoint;
        this.region = region;
    }

    String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }

    /** The prefix with its trailing slash, empty for none: what object keys start with. */
    String keyPrefix() {
        return keyPrefix;
    }

    /** The object key of a blob key, after checking the blob key. */
    String objectKey(String key) {
        return keyPrefix + BlobStore.validateKey(key);
    }

    /** The blob key of an object key under the prefix; any other object key as it is. */
    String blobKey(String objectKey) {
        return objectKey.startsWith(keyPrefix) ? objectKey.substring(keyPrefix.length()) : objectKey;
    }

    /** {@code s3://bucket/prefix}, plus {@code  at <endpoint>} for other endpoints than AWS's. */
    String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
    }

    /** {@link #describe()}, plus the region for AWS, so that messages always say where. */
    String where() {
        return endpoint != null ? describe() : describe() + " (AWS S3" + (region == null ? "" : ", region " + region)
                + ")";
    }

    /** Explains a failure of S3 (or anything else) in one sentence that names this place. */
    String explain(Throwable cause) {
        return S3Failures.explain(cause, bucket, SERVER, keyPrefix);
    }

    /** A failure of {@code action}, e.g. {@code open blob 'k'}, naming this place and explaining the cause. */
    BackupStorageException failure(String key, String action, Throwable cause) {
        return new BackupStorageException(key, "Could not " + action + " in " + where() + ": " + explain(cause) + ".",
                cause);
    }

    BlobNotFoundException notFound(String key) {
        return new BlobNotFoundException(key, "Blob '" + key + "' does not exist in " + where()
                + "; list the store's blobs to see what is there");
    }

    static boolean isValidKey(String key) {
        try {
            BlobStore.validateKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether some valid key starts with {@code prefix}. */
    static boolean couldStartAKey(String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        if (prefix.length() > 1024 || !KEY_CHARACTERS.matcher(prefix).matches()) {
            return false;
        }
        int slash = prefix.lastIndexOf('/');
        return slash < 0 || isValidKey(prefix.substring(0, slash));
    }
}
