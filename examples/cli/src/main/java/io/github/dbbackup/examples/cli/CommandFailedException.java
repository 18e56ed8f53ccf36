package io.github.dbbackup.examples.cli;

/**
 * An operation ran and failed (a verification found problems, a prune could not finish): exit code
 * 1 with the message as the one line on standard error.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and why, one line
     */
    CommandFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause (shown by {@code --verbose}).
     *
     * @param message what failed and why, one line
     * @param cause the underlying failure
     */
    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
