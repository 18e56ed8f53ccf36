package io.github.dbbackup.jdbc.differential;

import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * One class of values of a column type — an edge value ({@code infinity}, {@code BC}, a type's
 * maximum, …) or a random ordinary one — as the SQL expression that produces it in the dialect.
 * Its {@link #name()} is what {@link KnownBroken} lists and what a mismatch report names.
 *
 * @param name short name, unique within the column type, e.g. {@code bc} or {@code ordinary-us}
 * @param sql the SQL expression of one value, drawn from the random source
 * @param edge whether every case must contain it at least once (edge values) or it is drawn at random
 * @param mayBeRefused whether a backup may refuse it, naming table and column, instead of carrying it
 * @since 0.1
 */
public record ValueClass(String name, Function<Random, String> sql, boolean edge, boolean mayBeRefused) {

    /** Checks the fields. */
    public ValueClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * An edge value: one fixed SQL expression that every case contains.
     *
     * @param name the name
     * @param sql the expression
     * @return the class
     */
    public static ValueClass edge(String name, String sql) {
        return new ValueClass(name, r -> sql, true, false);
    }

    /**
     * Random ordinary values.
     *
     * @param name the name
     * @param sql draws one expression
     * @return the class
     */
    public static ValueClass ordinary(String name, Function<Random, String> sql) {
        return new ValueClass(name, sql, false, false);
    }

    /**
     * Returns this class marked as one a backup may refuse with a clear error.
     *
     * @return the marked class
     */
    public ValueClass refusable() {
        return new ValueClass(name, sql, edge, true);
    }
}
