package io.github.dbbackup.core;

/**
 * Root of every failure dbbackup reports. Unchecked; the message names what failed and what to do
 * next. Subtypes say what the caller can do about it.
 *
 * @since 0.1
 */
public class BackupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what failed and what to do next.
     *
     * @param message what failed and what to do next
     */
    public BackupException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
