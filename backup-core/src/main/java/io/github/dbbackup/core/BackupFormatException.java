package io.github.dbbackup.core;

/**
 * Input that is corrupt, truncated, of an unknown format version, or not a dbbackup set at all.
 * Nothing was written when this is thrown by a reader.
 *
 * @since 0.1
 */
public class BackupFormatException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates an exception about the blob under {@code key}.
     *
     * @param key the blob key that is malformed
     * @param message what is wrong and what to do next
     */
    public BackupFormatException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * Creates an exception about the blob under {@code key} with a cause.
     *
     * @param key the blob key that is malformed
     * @param message what is wrong and what to do next
     * @param cause the underlying failure
     */
    public BackupFormatException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * Returns the key of the malformed blob.
     *
     * @return the blob key
     */
    public String key() {
        return key;
    }
}
