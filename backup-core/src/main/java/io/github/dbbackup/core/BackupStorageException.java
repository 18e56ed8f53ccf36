package io.github.dbbackup.core;

/**
 * A blob store operation failed (I/O, permissions, network, credentials). Usually transient or
 * environmental: check the store, then retry.
 *
 * @since 0.1
 */
public class BackupStorageException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates an exception about the blob or prefix {@code key}.
     *
     * @param key the key or prefix involved
     * @param message what failed and what to do next
     * @param cause the underlying failure, may be {@code null}
     */
    public BackupStorageException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * Returns the key or prefix the failed operation was about.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
