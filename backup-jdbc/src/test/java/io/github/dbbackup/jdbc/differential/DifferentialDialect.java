package io.github.dbbackup.jdbc.differential;

import io.github.dbbackup.jdbc.testing.DatabaseKind;
import java.util.List;
import java.util.Map;

/**
 * What the differential suite needs to know about one database: its column types with their value
 * classes, how the database prints a value, the session settings to vary, and the restore paths.
 *
 * @since 0.1
 */
public abstract class DifferentialDialect {

    /**
     * Returns the kind of database.
     *
     * @return the kind
     */
    public abstract DatabaseKind kind();

    /**
     * Returns statements run on a fresh source or target before the table is created (types the
     * columns use).
     *
     * @return the statements
     */
    public abstract List<String> setup();

    /**
     * Returns every column type the suite covers.
     *
     * @return the types
     */
    public abstract List<ColumnType> types();

    /**
     * Returns the known-broken value classes, {@code type/class} (or {@code type/*}) mapped to the
     * issue item that tracks them (see {@link KnownBroken}).
     *
     * @return the list
     */
    public abstract Map<String, String> knownBroken();

    /**
     * Returns how the database prints a value of {@code type} as text.
     *
     * @param quotedColumn the quoted column
     * @param type the column's type
     * @return an SQL expression
     */
    public abstract String print(String quotedColumn, ColumnType type);

    /**
     * Returns the session statements of the connections that insert the generated rows and that
     * print values for the comparison: fixed, so both databases print alike.
     *
     * @return the statements
     */
    public abstract List<String> canonicalSession();

    /**
     * Returns the session settings to vary: the server default first, then at least one other.
     *
     * @return the variants
     */
    public abstract List<SessionVariant> sessionVariants();

    /**
     * Returns the restore paths of this database.
     *
     * @return the paths
     */
    public abstract List<RestorePath> restorePaths();

    /**
     * Quotes an identifier.
     *
     * @param identifier the identifier (letters, digits and underscores)
     * @return the quoted identifier
     */
    public String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    /** Called after the suite changed the JVM's default time zone, for drivers that cache it. */
    public void jvmZoneChanged() {
    }

    /**
     * SQL string literal.
     *
     * @param text the text
     * @return the literal, quotes doubled
     */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
