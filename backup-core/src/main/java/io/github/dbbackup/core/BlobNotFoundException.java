package io.github.dbbackup.core;

/**
 * The blob under a key does not exist.
 *
 * @since 0.1
 */
public class BlobNotFoundException extends BackupStorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for a missing key.
     *
     * @param key the key that was not found
     * @param message what was looked for and what to do next
     */
    public BlobNotFoundException(String key, String message) {
        super(key, message, null);
    }
}
