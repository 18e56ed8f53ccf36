package io.github.dbbackup.core.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where backup sets live: a flat namespace of immutable blobs under relative, {@code /}-separated
 * keys.
 *
 * <p>Keys: one or more segments of {@code [A-Za-z0-9._-]}, separated by single {@code /}; no empty,
 * {@code .} or {@code ..} segment; at most 1024 characters. Implementations reject other keys with
 * {@link IllegalArgumentException} through {@link #validateKey(String)}.
 *
 * <p>Contract (checked by {@code BlobStoreContract} in core's test-jar):
 * <ul>
 *   <li>{@link #put} is atomic: after it returns the whole blob is visible; if the writer or the
 *       store fails, nothing is visible under the key (no partial blob, no old content changed —
 *       put of an existing key replaces it only on success).</li>
 *   <li>Implementations are thread-safe; concurrent puts of different keys do not interfere.</li>
 *   <li>Failures are {@link io.github.dbbackup.core.BackupStorageException}s naming the key; a missing key on
 *       {@link #open} is {@link io.github.dbbackup.core.BlobNotFoundException}.</li>
 * </ul>
 *
 * @since 0.1
 */
public interface BlobStore {

    /** The pattern every key matches. */
    Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /**
     * Stores a blob, atomically: all of it or nothing.
     *
     * @param key the key
     * @param writer writes the content; called once
     * @throws io.github.dbbackup.core.BackupStorageException when the store or the writer fails; the writer's exception is
     *     the cause
     * @throws IllegalArgumentException when the key is invalid
     */
    void put(String key, BlobWriter writer);

    /**
     * Opens a blob for reading. The caller must close the stream.
     *
     * @param key the key
     * @return the content
     * @throws io.github.dbbackup.core.BlobNotFoundException when there is no such blob
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    InputStream open(String key);

    /**
     * Lists the blobs whose keys start with {@code prefix} (a plain string prefix, not only whole
     * segments), sorted by key.
     *
     * @param prefix the prefix, empty for all
     * @return the blobs, empty when none
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    List<BlobInfo> list(String prefix);

    /**
     * Deletes a blob. Deleting a missing key is not an error.
     *
     * @param key the key
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    void delete(String key);

    /**
     * Describes one blob.
     *
     * @param key the key
     * @return the blob, empty when there is none
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    default Optional<BlobInfo> stat(String key) {
        validateKey(key);
        return list(key).stream().filter(b -> b.key().equals(key)).findFirst();
    }

    /**
     * Deletes several blobs; missing keys are not an error. Stores with a batch API (S3
     * DeleteObjects) override this.
     *
     * @param keys the keys
     * @throws io.github.dbbackup.core.BackupStorageException naming the keys that could not be deleted
     */
    default void deleteAll(java.util.Collection<String> keys) {
        keys.forEach(this::delete);
    }

    /**
     * Cleans up uploads that were started and never finished (S3 multipart uploads), older than
     * {@code olderThan}; such uploads are invisible, but some stores keep and bill them. The pruner
     * calls this after its incomplete-set sweep.
     *
     * @param olderThan how old an unfinished upload must be to be removed
     * @return how many were removed; 0 for stores that have no such thing (the default)
     * @throws io.github.dbbackup.core.BackupStorageException when the store fails
     */
    default int sweepIncompleteUploads(java.time.Duration olderThan) {
        return 0;
    }

    /**
     * Describes where this store keeps blobs, without secrets ({@code file:/var/backups},
     * {@code s3://bucket/prefix}); used in messages.
     *
     * @return the description
     */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * Checks a key against the key rules.
     *
     * @param key the key
     * @return the key
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    static String validateKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("blob key must not be empty");
        }
        if (key.length() > 1024) {
            throw new IllegalArgumentException("blob key '" + key.substring(0, 64) + "…' is " + key.length()
                    + " characters long; at most 1024 are allowed");
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("blob key '" + key + "' is invalid: keys are '/'-separated segments of"
                    + " [A-Za-z0-9._-], relative, with no empty segment");
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("blob key '" + key + "' is invalid: it has a '" + segment
                        + "' segment");
            }
        }
        return key;
    }
}
