package io.github.dbbackup.examples.cli;

/**
 * The command line asks for something this build cannot do, or names it wrongly: exit code 2, the
 * message, and the command's usage.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the arguments and what to pass instead
     */
    UsageException(String message) {
        super(message);
    }
}
