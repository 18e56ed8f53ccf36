package io.github.dbbackup.core;

/**
 * The database schema does not match what the plan or the backup expects (unknown table or column,
 * unclassified table in a strict plan, incompatible type).
 *
 * @since 0.1
 */
public class SchemaMismatchException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates an exception about {@code table}.
     *
     * @param table the table involved, or an empty string when several are
     * @param message what does not match and what to do next
     */
    public SchemaMismatchException(String table, String message) {
        super(message);
        this.table = table;
    }

    /**
     * Returns the table involved.
     *
     * @return the table name, empty when the mismatch concerns several tables
     */
    public String table() {
        return table;
    }
}
