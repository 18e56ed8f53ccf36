package io.github.dbbackup.core;

/**
 * The database refused or failed an operation. Carries the SQLState and vendor code of the
 * underlying error (following {@code SQLException.getNextException()}).
 *
 * @since 0.1
 */
public class BackupDatabaseException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int vendorCode;

    /**
     * Creates an exception with the database's error codes.
     *
     * @param message what failed (table, statement kind) and what to do next
     * @param sqlState the SQLState, empty when unknown
     * @param vendorCode the vendor error code, 0 when unknown
     * @param cause the underlying failure
     */
    public BackupDatabaseException(String message, String sqlState, int vendorCode, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState == null ? "" : sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * Returns the SQLState of the underlying error.
     *
     * @return the SQLState, empty when unknown
     */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Returns the vendor error code of the underlying error.
     *
     * @return the vendor code, 0 when unknown
     */
    public int vendorCode() {
        return vendorCode;
    }
}
