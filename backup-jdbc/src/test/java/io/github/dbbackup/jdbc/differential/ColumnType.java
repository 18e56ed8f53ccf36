package io.github.dbbackup.jdbc.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A column type of a dialect as the differential suite uses it: its DDL, its value classes and,
 * for arrays, the element type and how to build an array value from element expressions.
 *
 * @param key the name the suite and {@link KnownBroken} use, e.g. {@code timestamptz[]}
 * @param ddl the column type in {@code CREATE TABLE}
 * @param classes the value classes of the whole value (for arrays: whole-array literals such as
 *        non-default lower bounds)
 * @param element the element type of an array, or {@code null} for a scalar
 * @param dimensions 1, or 2 for a nested (two-dimensional) array
 * @param arrayOf builds an array expression from element expressions (for a scalar: unused)
 * @param print how the database prints a value of the column, {@code %s} standing for the quoted
 *        column, or {@code null} for the dialect's default
 * @since 0.1
 */
public record ColumnType(String key, String ddl, List<ValueClass> classes, ColumnType element, int dimensions,
        Function<List<String>, String> arrayOf, String print) {

    /** Checks and copies the fields. */
    public ColumnType {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ddl, "ddl");
        classes = List.copyOf(classes);
        Objects.requireNonNull(arrayOf, "arrayOf");
    }

    /**
     * A scalar type.
     *
     * @param key the key
     * @param ddl the DDL type
     * @param classes its value classes
     * @return the type
     */
    public static ColumnType scalar(String key, String ddl, ValueClass... classes) {
        return new ColumnType(key, ddl, List.of(classes), null, 1, l -> {
            throw new IllegalStateException(key + " is not an array");
        }, null);
    }

    /**
     * An array type whose elements are of {@code element}.
     *
     * @param key the key
     * @param ddl the DDL type
     * @param element the element type
     * @param dimensions 1 or 2
     * @param arrayOf builds the array expression from element expressions (or, for 2 dimensions,
     *        from inner array expressions)
     * @param classes whole-array value classes
     * @return the type
     */
    public static ColumnType array(String key, String ddl, ColumnType element, int dimensions,
            Function<List<String>, String> arrayOf, ValueClass... classes) {
        return new ColumnType(key, ddl, List.of(classes), element, dimensions, arrayOf, null);
    }

    /**
     * Returns this type printed with {@code print} instead of the dialect's default.
     *
     * @param print the expression, {@code %s} standing for the quoted column
     * @return the type
     */
    public ColumnType printedAs(String print) {
        return new ColumnType(key, ddl, classes, element, dimensions, arrayOf, print);
    }

    /**
     * Returns this type with more value classes.
     *
     * @param more the classes
     * @return the type
     */
    public ColumnType with(ValueClass... more) {
        List<ValueClass> all = new ArrayList<>(classes);
        all.addAll(List.of(more));
        return new ColumnType(key, ddl, all, element, dimensions, arrayOf, print);
    }

    /**
     * Returns whether this is an array type.
     *
     * @return {@code true} for arrays
     */
    public boolean isArray() {
        return element != null;
    }
}
